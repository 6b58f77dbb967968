package dev.provision.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the names in one Jinja expression without evaluating it: the root variables it refers to,
 * and the filters and tests it calls. Attribute names ({@code a.b}), keyword arguments
 * ({@code default(x, boolean=true)}), function names ({@code range(3)}), keywords and literals are
 * not variables.
 */
final class ExpressionNames {

  /**
   * A name and its 0-based offset in the expression. {@code guarded} is true when the use copes
   * with an undefined value: {@code x is defined}, {@code x.y is undefined}, {@code x | default(..)}.
   */
  record Name(String name, int offset, boolean guarded) {
    Name(String name, int offset) {
      this(name, offset, false);
    }
  }

  record Names(List<Name> variables, List<Name> filters, List<Name> tests) {}

  private static final Set<String> GUARD_TESTS = AnsibleTests.ACCEPT_UNDEFINED;
  private static final Set<String> GUARD_FILTERS = Set.of("default", "d", "mandatory");

  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "else", "true",
      "false", "True", "False", "none", "None", "null", "recursive");

  record Token(String text, int offset, boolean name) {}

  private ExpressionNames() {}

  static Names of(String expression) {
    List<Token> tokens = tokens(expression);
    List<Name> variables = new ArrayList<>();
    List<Name> filters = new ArrayList<>();
    List<Name> tests = new ArrayList<>();
    int depth = 0;
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (!t.name()) {
        if (t.text().equals("(") || t.text().equals("[") || t.text().equals("{")) {
          depth++;
        } else if (t.text().equals(")") || t.text().equals("]") || t.text().equals("}")) {
          depth--;
        }
        continue;
      }
      String prev = k > 0 ? tokens.get(k - 1).text() : "";
      String prev2 = k > 1 ? tokens.get(k - 2).text() : "";
      String next = k + 1 < tokens.size() ? tokens.get(k + 1).text() : "";
      if (prev.equals(".")) {
        continue;
      }
      if (prev.equals("|")) {
        filters.add(new Name(t.text(), t.offset()));
      } else if (prev.equals("is") || (prev.equals("not") && prev2.equals("is"))) {
        if (!t.text().equals("not")) {
          tests.add(new Name(t.text(), t.offset()));
        }
      } else if (KEYWORDS.contains(t.text()) || next.equals("(") || (next.equals("=") && depth > 0)) {
        continue;
      } else {
        variables.add(new Name(t.text(), t.offset(), guarded(tokens, k)));
      }
    }
    return new Names(variables, filters, tests);
  }

  /**
   * The offset of a lone {@code =} outside brackets, or -1. Jinja has no assignment in
   * expressions, but Jinjava's EL does, so {@code x = 1} would silently assign instead of failing.
   */
  static int assignment(String expression) {
    int depth = 0;
    for (Token t : tokens(expression)) {
      switch (t.text()) {
        case "(", "[", "{" -> depth++;
        case ")", "]", "}" -> depth--;
        case "=", ";" -> {
          if (depth <= 0 || t.text().equals(";")) {
            return t.offset();
          }
        }
        default -> { }
      }
    }
    return -1;
  }

  /** Whether the path starting at token k ends in a test or filter that accepts undefined values. */
  private static boolean guarded(List<Token> tokens, int k) {
    int i = k + 1;
    while (i < tokens.size()) {
      String t = tokens.get(i).text();
      if (t.equals(".") && i + 1 < tokens.size()) {
        i += 2;
      } else if (t.equals("[")) {
        int depth = 0;
        do {
          String b = tokens.get(i).text();
          depth += b.equals("[") ? 1 : b.equals("]") ? -1 : 0;
          i++;
        } while (i < tokens.size() && depth > 0);
      } else {
        break;
      }
    }
    String op = i < tokens.size() ? tokens.get(i).text() : "";
    String next = i + 1 < tokens.size() ? tokens.get(i + 1).text() : "";
    String after = i + 2 < tokens.size() ? tokens.get(i + 2).text() : "";
    if (op.equals("is")) {
      return GUARD_TESTS.contains(next) || (next.equals("not") && GUARD_TESTS.contains(after));
    }
    return op.equals("|") && GUARD_FILTERS.contains(next);
  }

  static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(s.substring(start, i), start, true));
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(s.substring(start, i), start, false));
      } else if (c == '\'' || c == '"') {
        int start = i++;
        while (i < s.length() && s.charAt(i) != c) {
          i += s.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        out.add(new Token(s.substring(start, Math.min(i, s.length())), start, false));
      } else {
        String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
        boolean pair = two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=")
            || two.equals("//") || two.equals("**");
        out.add(new Token(pair ? two : String.valueOf(c), i, false));
        i += pair ? 2 : 1;
      }
    }
    return out;
  }
}
