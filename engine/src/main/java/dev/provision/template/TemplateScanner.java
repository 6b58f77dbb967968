package dev.provision.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits template text into its expressions ({@code {{ }}} bodies and the expressions inside
 * {@code {% %}} tags), without evaluating anything. Finds unclosed delimiters and unbalanced block
 * tags, and the names that for-loops and {@code set} bind. Offsets are 0-based into the text.
 */
final class TemplateScanner {

  record Expression(String text, int offset) {}

  record Problem(String message, int offset, String hint) {}

  record Scan(List<Expression> expressions, Set<String> bound, List<Problem> problems) {}

  private static final Pattern TAG = Pattern.compile("\\s*([A-Za-z_]\\w*)\\s*(.*)", Pattern.DOTALL);
  private static final Pattern FOR = Pattern.compile("(.+?)\\s+in\\s+(.+)", Pattern.DOTALL);
  private static final Pattern ENDRAW = Pattern.compile("\\{%-?\\s*endraw\\s*-?%}");
  private static final Set<String> BLOCKS = Set.of("if", "for", "macro", "call", "filter", "raw", "with", "block");

  private TemplateScanner() {}

  static boolean isTemplate(String text) {
    return text.contains("{{") || text.contains("{%") || text.contains("{#");
  }

  static Scan scan(String text, boolean bareExpression) {
    List<Expression> expressions = new ArrayList<>();
    Set<String> bound = new LinkedHashSet<>();
    List<Problem> problems = new ArrayList<>();
    if (bareExpression) {
      expressions.add(new Expression(text, 0));
      return new Scan(expressions, bound, problems);
    }
    Deque<String[]> open = new ArrayDeque<>(); // {tag, offset}
    int i = 0;
    while (i < text.length()) {
      int start = nextOpening(text, i);
      if (start < 0) {
        break;
      }
      char kind = text.charAt(start + 1);
      String close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
      int end = closing(text, start + 2, close, kind != '#');
      if (end < 0) {
        String opener = "{" + kind;
        problems.add(new Problem("`" + opener + "` is never closed", start, "add `" + close + "`"));
        return new Scan(expressions, bound, problems);
      }
      int bodyStart = start + 2 + (text.startsWith("-", start + 2) || text.startsWith("+", start + 2) ? 1 : 0);
      int bodyEnd = end - (end > bodyStart && text.charAt(end - 1) == '-' ? 1 : 0);
      String body = text.substring(bodyStart, bodyEnd);
      i = end + 2;
      if (kind == '{') {
        if (body.isBlank()) {
          problems.add(new Problem("empty expression `{{ }}`", start, "put a variable or expression between the braces"));
        } else {
          expressions.add(new Expression(body, bodyStart));
        }
      } else if (kind == '%') {
        Matcher tag = TAG.matcher(body);
        if (!tag.matches()) {
          problems.add(new Problem("a `{% %}` tag needs a name, such as `if` or `for`", start, null));
          continue;
        }
        String name = tag.group(1);
        String rest = tag.group(2).trim();
        int restOffset = bodyStart + tag.start(2);
        if (name.equals("raw")) {
          Matcher endRaw = ENDRAW.matcher(text);
          if (!endRaw.find(i)) {
            problems.add(new Problem("`{% raw %}` is never closed", start, "add `{% endraw %}`"));
            return new Scan(expressions, bound, problems);
          }
          i = endRaw.end();
          continue;
        }
        tag(name, rest, restOffset, start, expressions, bound, problems, open);
      }
    }
    for (String[] unclosed : open) {
      problems.add(new Problem("`{% " + unclosed[0] + " %}` is never closed", Integer.parseInt(unclosed[1]),
          "add `{% end" + unclosed[0] + " %}`"));
    }
    return new Scan(expressions, bound, problems);
  }

  private static void tag(String name, String rest, int restOffset, int start, List<Expression> expressions,
      Set<String> bound, List<Problem> problems, Deque<String[]> open) {
    if (name.startsWith("end")) {
      String block = name.substring(3);
      if (open.isEmpty() || !open.peek()[0].equals(block)) {
        String expected = open.isEmpty() ? null : "`{% end" + open.peek()[0] + " %}`";
        problems.add(new Problem("`{% " + name + " %}` closes nothing that is open", start,
            expected == null ? "remove it" : "the open block needs " + expected));
      } else {
        open.pop();
      }
      return;
    }
    switch (name) {
      case "if", "elif" -> {
        if (rest.isEmpty()) {
          problems.add(new Problem("`{% " + name + " %}` needs a condition", start, null));
        } else {
          expressions.add(new Expression(rest, restOffset));
        }
      }
      case "for" -> {
        Matcher m = FOR.matcher(rest);
        if (!m.matches()) {
          problems.add(new Problem("`{% for %}` needs the form `for NAME in EXPRESSION`", start, null));
        } else {
          for (String target : m.group(1).replace("(", "").replace(")", "").split(",")) {
            bound.add(target.trim());
          }
          bound.add("loop");
          String iterable = m.group(2).replaceFirst("\\s+recursive\\s*$", "");
          expressions.add(new Expression(iterable, restOffset + m.start(2)));
        }
      }
      case "set" -> {
        int eq = rest.indexOf('=');
        String targets = eq < 0 ? rest : rest.substring(0, eq);
        for (String target : targets.split(",")) {
          bound.add(target.trim());
        }
        if (eq < 0) {
          open.push(new String[] {"set", String.valueOf(start)});
        } else {
          expressions.add(new Expression(rest.substring(eq + 1), restOffset + eq + 1));
        }
      }
      case "macro" -> {
        for (String word : rest.split("[^A-Za-z0-9_]+")) {
          if (!word.isEmpty()) {
            bound.add(word);
          }
        }
      }
      case "else", "do", "include", "import", "from", "extends", "autoescape", "print" -> {
        if (name.equals("print") || name.equals("do")) {
          expressions.add(new Expression(rest, restOffset));
        }
      }
      default -> { }
    }
    if (BLOCKS.contains(name)) {
      open.push(new String[] {name, String.valueOf(start)});
    }
  }

  private static int nextOpening(String text, int from) {
    int i = text.indexOf('{', from);
    while (i >= 0 && i + 1 < text.length()) {
      char c = text.charAt(i + 1);
      if (c == '{' || c == '%' || c == '#') {
        return i;
      }
      i = text.indexOf('{', i + 1);
    }
    return -1;
  }

  /** The index of {@code close}, skipping string literals inside expressions. */
  private static int closing(String text, int from, String close, boolean expression) {
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (expression && (c == '\'' || c == '"')) {
        quote = c;
      } else if (text.startsWith(close, i)) {
        return i;
      }
    }
    return -1;
  }

  /** Where an expression's text comes from, which decides how its string literals read backslashes. */
  enum Escapes {
    /** A bare expression ({@code when:}) or a {@code {% %}} tag: Jinja's (Python's) escapes. */
    PYTHON,
    /** The inside of {@code {{ }}} in a task's text: Ansible doubles backslashes there first, so they stay literal. */
    LITERAL
  }

  /**
   * Rewrites backslashes inside string literals for Jinjava's stricter lexer, so that they read as
   * under Ansible. With {@link Escapes#PYTHON}, as Python reads them: {@code \n} and {@code \t} become
   * the characters, {@code \'}, {@code \"} and {@code \\} stay escapes, and any other backslash
   * ({@code '\d+'}, {@code '\1'}) is kept literally, as Python keeps unknown escapes. With
   * {@link Escapes#LITERAL} every backslash is itself ({@code '\n'} is a backslash and an n), as
   * Ansible's templating makes them inside {@code {{ }}}. Template text ({@code bareExpression} false)
   * uses LITERAL inside {@code {{ }}} and PYTHON inside {@code {% %}}.
   */
  static String pythonEscapes(String text, boolean bareExpression) {
    return escapes(text, bareExpression, Escapes.PYTHON);
  }

  /** {@link #pythonEscapes} for an expression whose literals read as {@code escapes}. */
  static String escapes(String text, boolean bareExpression, Escapes expressionEscapes) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    boolean inside = bareExpression;
    Escapes mode = expressionEscapes;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!inside) {
        out.append(c);
        if (c == '{' && i + 1 < text.length() && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '%')) {
          mode = text.charAt(i + 1) == '{' ? Escapes.LITERAL : Escapes.PYTHON;
          out.append(text.charAt(++i));
          inside = true;
        }
        continue;
      }
      if (quote == 0) {
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (!bareExpression && (c == '}' || c == '%') && i + 1 < text.length() && text.charAt(i + 1) == '}') {
          inside = false;
        }
        out.append(c);
        continue;
      }
      if (c == quote) {
        quote = 0;
        out.append(c);
      } else if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        if (mode == Escapes.LITERAL) {
          out.append("\\\\");
          out.append(next == quote || next == '\\' ? "\\" + next : String.valueOf(next));
          continue;
        }
        switch (next) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case '\'', '"', '\\' -> out.append('\\').append(next);
          default -> out.append("\\\\").append(next);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
