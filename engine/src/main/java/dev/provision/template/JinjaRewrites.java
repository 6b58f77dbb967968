package dev.provision.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Jinja syntax that Jinjava reads otherwise, rewritten just before evaluation (the user's text, its
 * checks and its messages stay as written): keyword arguments of tests and functions (see
 * {@link CallArguments}), and a test after a filter ({@code x | length is number}), which Jinja
 * applies to the filtered value and Jinjava cannot parse: it gets parentheses; and slices, whose
 * step Jinjava cannot read ({@link PythonSlice}).
 */
final class JinjaRewrites {

  private JinjaRewrites() {}

  private record Edit(int offset, int length, String text) {}

  /**
   * Rewrites the calls of {@code tests} (after {@code is}, with parentheses) and of
   * {@code functions} in one expression. Text without such a call comes back unchanged.
   */
  static String expression(String expression, Set<String> tests, Set<String> functions) {
    List<ExpressionNames.Token> tokens = ExpressionNames.tokens(expression);
    List<Edit> edits = new ArrayList<>();
    for (int k = 0; k + 1 < tokens.size(); k++) {
      ExpressionNames.Token t = tokens.get(k);
      if (!t.name() || !tokens.get(k + 1).text().equals("(")) {
        continue;
      }
      String prev = k > 0 ? tokens.get(k - 1).text() : "";
      String prev2 = k > 1 ? tokens.get(k - 2).text() : "";
      boolean test = (prev.equals("is") || (prev.equals("not") && prev2.equals("is"))) && tests.contains(t.text());
      boolean function = !prev.equals(".") && !prev.equals("|") && !prev.equals("is") && functions.contains(t.text());
      if (!test && !function) {
        continue;
      }
      int close = closing(tokens, k + 1);
      if (close < 0) {
        continue; // a syntax error, reported by the parse
      }
      for (int i = k + 2; i < close; i++) {
        ExpressionNames.Token a = tokens.get(i);
        if (a.name() && depth(tokens, k + 1, i) == 1 && i + 1 < close && tokens.get(i + 1).text().equals("=")) {
          int end = tokens.get(i + 1).offset() + 1;
          edits.add(new Edit(a.offset(), end - a.offset(), CallArguments.KWARG + "('" + a.text() + "'), "));
        }
      }
      if (test) {
        edits.add(new Edit(tokens.get(k + 1).offset() + 1, 0, CallArguments.ARGS + "("));
        edits.add(new Edit(tokens.get(close).offset(), 0, ")"));
      }
    }
    for (int k = 1; k + 1 < tokens.size(); k++) {
      // `item.0`, `x.1.1`, `item.0.name`: Jinja reads a number after a dot as an index, Jinjava as a float literal
      ExpressionNames.Token dot = tokens.get(k);
      ExpressionNames.Token before = tokens.get(k - 1);
      ExpressionNames.Token index = tokens.get(k + 1);
      if (dot.text().equals(".") && (before.name() || before.text().equals(")") || before.text().equals("]"))
          && before.offset() + before.text().length() == dot.offset() && index.offset() == dot.offset() + 1
          && index.text().matches("\\d+(\\.(\\d+|[A-Za-z_]\\w*))*")) {
        StringBuilder path = new StringBuilder();
        for (String part : index.text().split("\\.")) {
          path.append(Character.isDigit(part.charAt(0)) ? "[" + part + "]" : "." + part);
        }
        edits.add(new Edit(dot.offset(), 1 + index.text().length(), path.toString()));
      }
    }
    for (int k = 0; k < tokens.size(); k++) {
      if (tokens.get(k).text().equals("[")) {
        slice(tokens, k, edits);
      }
    }
    for (int k = 1; k < tokens.size(); k++) {
      if (tokens.get(k).name() && tokens.get(k).text().equals("is")) {
        int start = filteredOperand(tokens, k);
        if (start >= 0) {
          edits.add(new Edit(tokens.get(start).offset(), 0, "("));
          edits.add(new Edit(tokens.get(k).offset(), 0, ") "));
        }
      }
    }
    if (edits.isEmpty()) {
      return expression;
    }
    // from the end, so offsets stay valid; at one offset the replacement goes first, then the insertion before it
    edits.sort(Comparator.comparingInt(Edit::offset).reversed().thenComparing(e -> e.length() == 0));
    StringBuilder out = new StringBuilder(expression);
    for (Edit e : edits) {
      out.replace(e.offset(), e.offset() + e.length(), e.text());
    }
    return out.toString();
  }

  /** The same, for each expression of template text. */
  static String template(String text, List<TemplateScanner.Expression> expressions, Set<String> tests,
      Set<String> functions) {
    StringBuilder out = null;
    List<TemplateScanner.Expression> fromEnd = new ArrayList<>(expressions);
    fromEnd.sort(Comparator.comparingInt(TemplateScanner.Expression::offset).reversed());
    for (TemplateScanner.Expression e : fromEnd) {
      String rewritten = expression(e.text(), tests, functions);
      if (!rewritten.equals(e.text())) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.replace(e.offset(), e.offset() + e.text().length(), rewritten);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * {@code x[a:b:c]} (any bound may be left out) becomes {@code x[provision_slice(a, b, c)]}: Jinjava's
   * slices have no step, {@link PythonSlice} has Python's. A bracket with no colon of its own is left.
   */
  private static void slice(List<ExpressionNames.Token> tokens, int open, List<Edit> edits) {
    List<Integer> colons = new ArrayList<>();
    int depth = 0;
    int close = -1;
    for (int i = open; i < tokens.size() && close < 0; i++) {
      String t = tokens.get(i).text();
      if (t.equals("(") || t.equals("[") || t.equals("{")) {
        depth++;
      } else if (t.equals(")") || t.equals("]") || t.equals("}")) {
        depth--;
        close = depth == 0 ? i : close;
      } else if (t.equals(":") && depth == 1) {
        colons.add(i);
      }
    }
    if (close < 0 || colons.isEmpty() || colons.size() > 2 || !tokens.get(close).text().equals("]")) {
      return; // no slice, or a syntax error that the parse reports
    }
    List<Integer> bounds = new ArrayList<>(colons);
    bounds.add(0, open);
    bounds.add(close);
    for (int b = 0; b + 1 < bounds.size(); b++) {
      boolean empty = bounds.get(b + 1) == bounds.get(b) + 1;
      String lead = (b == 0 ? PythonSlice.FUNCTION + "(" : ", ") + (empty ? "none" : "");
      ExpressionNames.Token at = tokens.get(bounds.get(b));
      edits.add(b == 0 ? new Edit(at.offset() + 1, 0, lead) : new Edit(at.offset(), 1, lead));
    }
    edits.add(new Edit(tokens.get(close).offset(), 0, (colons.size() == 1 ? ", none" : "") + ")"));
  }

  /**
   * The first token of {@code value | f | g(..)} when such a filter chain ends just before the
   * {@code is} at {@code is}, or -1.
   */
  private static int filteredOperand(List<ExpressionNames.Token> tokens, int is) {
    int j = is - 1;
    int filters = 0;
    while (j >= 1) {
      int name = tokens.get(j).text().equals(")") ? opening(tokens, j) - 1 : j;
      if (name >= 1 && tokens.get(name).name() && tokens.get(name - 1).text().equals("|")) {
        filters++;
        j = name - 2;
      } else {
        break;
      }
    }
    if (filters == 0 || j < 0) {
      return -1;
    }
    // the operand: a literal, or a name with its attributes, subscripts and calls, or brackets
    while (j >= 0) {
      String t = tokens.get(j).text();
      if (t.equals(")") || t.equals("]") || t.equals("}")) {
        int open = opening(tokens, j);
        if (open < 0) {
          return -1;
        }
        String before = open > 0 ? tokens.get(open - 1).text() : "";
        if (open > 0 && (tokens.get(open - 1).name() && !KEYWORDS.contains(before) || before.equals(")")
            || before.equals("]")) && !t.equals("}")) {
          j = open - 1;
          continue;
        }
        return open;
      }
      if (tokens.get(j).name() && j >= 2 && tokens.get(j - 1).text().equals(".")) {
        j -= 2;
        continue;
      }
      return j;
    }
    return -1;
  }

  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "else");

  private static int opening(List<ExpressionNames.Token> tokens, int close) {
    int depth = 0;
    for (int i = close; i >= 0; i--) {
      String t = tokens.get(i).text();
      if (t.equals(")") || t.equals("]") || t.equals("}")) {
        depth++;
      } else if (t.equals("(") || t.equals("[") || t.equals("{")) {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private static int closing(List<ExpressionNames.Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      String t = tokens.get(i).text();
      if (t.equals("(") || t.equals("[") || t.equals("{")) {
        depth++;
      } else if (t.equals(")") || t.equals("]") || t.equals("}")) {
        depth--;
        if (depth == 0) {
          return t.equals(")") ? i : -1;
        }
      }
    }
    return -1;
  }

  private static int depth(List<ExpressionNames.Token> tokens, int open, int at) {
    int depth = 0;
    for (int i = open; i < at; i++) {
      String t = tokens.get(i).text();
      if (t.equals("(") || t.equals("[") || t.equals("{")) {
        depth++;
      } else if (t.equals(")") || t.equals("]") || t.equals("}")) {
        depth--;
      }
    }
    return depth;
  }
}
