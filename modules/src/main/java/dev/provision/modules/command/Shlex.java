package dev.provision.modules.command;

import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way Python's {@code shlex.split} (POSIX mode) does, as
 * Ansible's {@code command} module does: whitespace separates words, single quotes are literal,
 * double quotes allow only {@code \\} and {@code \"} escapes, a backslash outside quotes escapes the next
 * character. No other shell feature (variables, globs, pipes) has any meaning.
 */
public final class Shlex {

  private Shlex() {}

  public static List<String> split(String line) throws ModuleException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
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
        } else if (c == '\\' && i + 1 < line.length() && "\\\"".indexOf(line.charAt(i + 1)) >= 0) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        inWord = true;
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\') {
          if (i + 1 >= line.length()) {
            throw new ModuleException("command ends with an unescaped backslash: " + line);
          }
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new ModuleException("no closing quotation (" + quote + ") in command: " + line);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
