package dev.provision.module.testing;

import dev.provision.module.ModuleException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately tiny stand-in for the Jinja evaluator, enough for module tests: literals
 * (quoted strings, integers, true/false), dotted variable paths, {@code not}, {@code and},
 * {@code or}, {@code ==}, {@code !=}, {@code is defined} and {@code is not defined}. No
 * parentheses. Undefined variables are errors, as in Ansible.
 */
public final class SimpleExpressions {

  private static final Pattern DEFINED = Pattern.compile("(.+?)\\s+is\\s+(not\\s+)?defined");
  private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

  private SimpleExpressions() {}

  public static Object evaluate(String expression, Map<String, Object> vars) throws ModuleException {
    String e = expression.strip();
    int or = topLevel(e, " or ");
    if (or >= 0) {
      return truthy(evaluate(e.substring(0, or), vars)) || truthy(evaluate(e.substring(or + 4), vars));
    }
    int and = topLevel(e, " and ");
    if (and >= 0) {
      return truthy(evaluate(e.substring(0, and), vars)) && truthy(evaluate(e.substring(and + 5), vars));
    }
    if (e.startsWith("not ")) {
      return !truthy(evaluate(e.substring(4), vars));
    }
    Matcher defined = DEFINED.matcher(e);
    if (defined.matches()) {
      boolean isDefined = lookup(defined.group(1).strip(), vars, false) != UNDEFINED;
      return defined.group(2) == null ? isDefined : !isDefined;
    }
    int ne = topLevel(e, "!=");
    if (ne >= 0) {
      return !equal(evaluate(e.substring(0, ne), vars), evaluate(e.substring(ne + 2), vars));
    }
    int eq = topLevel(e, "==");
    if (eq >= 0) {
      return equal(evaluate(e.substring(0, eq), vars), evaluate(e.substring(eq + 2), vars));
    }
    return atom(e, vars);
  }

  public static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  private static final Object UNDEFINED = new Object();

  private static Object atom(String e, Map<String, Object> vars) throws ModuleException {
    if (e.length() >= 2 && (e.startsWith("'") && e.endsWith("'") || e.startsWith("\"") && e.endsWith("\""))) {
      return e.substring(1, e.length() - 1);
    }
    if (e.matches("-?[0-9]+")) {
      return Long.parseLong(e);
    }
    if (List.of("true", "True").contains(e)) {
      return true;
    }
    if (List.of("false", "False").contains(e)) {
      return false;
    }
    if (List.of("none", "None", "null").contains(e)) {
      return null;
    }
    if (!PATH.matcher(e).matches()) {
      throw new ModuleException("the test evaluator cannot read expression `" + e + "`");
    }
    return lookup(e, vars, true);
  }

  private static Object lookup(String path, Map<String, Object> vars, boolean required) throws ModuleException {
    Object current = vars;
    for (String part : path.split("\\.")) {
      if (current instanceof Map<?, ?> m && m.containsKey(part)) {
        current = m.get(part);
      } else if (required) {
        throw new dev.provision.module.UndefinedVariableException("'" + path + "' is undefined", null);
      } else {
        return UNDEFINED;
      }
    }
    return current;
  }

  private static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a == null ? b == null : a.equals(b);
  }

  /** Index of an operator outside quotes, or -1. */
  private static int topLevel(String e, String op) {
    char quote = 0;
    for (int i = 0; i <= e.length() - op.length(); i++) {
      char c = e.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (e.startsWith(op, i)) {
        return i;
      }
    }
    return -1;
  }
}
