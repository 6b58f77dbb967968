package dev.provision.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code shlex.split(line, comments=True)} in POSIX mode, which Ansible's INI inventory
 * uses to split a host line. A {@code #} outside quotes ends the line, even inside a word.
 */
final class Shlex {

  /** A token and the 0-based offset in the line where it starts. */
  record Token(String text, int offset) {}

  private Shlex() {}

  static List<Token> split(String line) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean inToken = false;
    int tokenStart = 0;
    char quote = 0;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (quote == '"' && c == '\\') {
          i++;
          if (i >= line.length()) {
            throw new IllegalArgumentException("No escaped character");
          }
          char next = line.charAt(i);
          if (next != '"' && next != '\\') {
            token.append('\\'); // inside double quotes only \" and \\ are escapes
          }
          token.append(next);
        } else {
          token.append(c);
        }
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (inToken) {
          tokens.add(new Token(token.toString(), tokenStart));
          token.setLength(0);
          inToken = false;
        }
      } else if (c == '#') {
        break;
      } else {
        if (!inToken) {
          inToken = true;
          tokenStart = i;
        }
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\') {
          i++;
          if (i >= line.length()) {
            throw new IllegalArgumentException("No escaped character");
          }
          token.append(line.charAt(i));
        } else {
          token.append(c);
        }
      }
      i++;
    }
    if (quote != 0) {
      throw new IllegalArgumentException("No closing quotation");
    }
    if (inToken) {
      tokens.add(new Token(token.toString(), tokenStart));
    }
    return tokens;
  }
}
