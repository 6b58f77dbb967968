package dev.provision.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code shlex.split} in POSIX mode, the inverse of {@link Shell#quote}: whitespace
 * separates words, single quotes are literal, inside double quotes only {@code \"} and
 * {@code \\} are escapes, and a backslash outside quotes escapes the next character. Ansible uses
 * it twice, and so do we: the {@code command} module splits its command line with it, and the INI
 * inventory splits a host line with it ({@code comments=True}: a {@code #} outside quotes ends the
 * line, even inside a word). No other shell feature (variables, globs, pipes) has any meaning.
 */
public final class Shlex {

  /** A word and the 0-based offset in the line where it starts (for diagnostics). */
  public record Word(String text, int offset) {}

  private Shlex() {}

  /** {@code shlex.split(line)}; an unclosed quote or a trailing backslash is an IllegalArgumentException. */
  public static List<String> split(String line) {
    return words(line, false).stream().map(Word::text).toList();
  }

  /** {@code shlex.split(line, comments=comments)}, with where each word starts. */
  public static List<Word> words(String line, boolean comments) {
    List<Word> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int wordStart = 0;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\') {
          char next = escaped(line, ++i);
          if (next != '"' && next != '\\') {
            word.append('\\'); // inside double quotes only \" and \\ are escapes
          }
          word.append(next);
        } else {
          word.append(c);
        }
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (inWord) {
          words.add(new Word(word.toString(), wordStart));
          word.setLength(0);
          inWord = false;
        }
      } else if (c == '#' && comments) {
        break;
      } else {
        if (!inWord) {
          inWord = true;
          wordStart = i;
        }
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\') {
          word.append(escaped(line, ++i));
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("no closing quotation (" + quote + ")");
    }
    if (inWord) {
      words.add(new Word(word.toString(), wordStart));
    }
    return words;
  }

  private static char escaped(String line, int at) {
    if (at >= line.length()) {
      throw new IllegalArgumentException("no escaped character after the last backslash");
    }
    return line.charAt(at);
  }
}
