package dev.provision.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.provision.diag.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns Jinjava's errors into messages that name the variable, filter or test at fault. */
final class TemplateErrors {

  private static final Pattern STEP = Pattern.compile("\\.(\\w+)|\\[\\s*['\"]([^'\"]*)['\"]\\s*]|\\[[^]]*]");
  private static final Pattern PATH = Pattern.compile("([A-Za-z_]\\w*)((?:\\.\\w+|\\[[^]]*])*)");
  private static final Pattern POSITION = Pattern.compile("position (\\d+)");
  private static final Pattern ENCOUNTERED = Pattern.compile("encountered (.*?), expected");
  private static final Pattern FUNCTION = Pattern.compile("Could not resolve function '([^']*)'");

  private final Context global;

  TemplateErrors(Context global) {
    this.global = global;
  }

  TemplateException failure(String text, RuntimeException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    // a filter's or test's own words, not the wrappers Jinjava puts around them
    boolean own = cause instanceof IllegalArgumentException || cause instanceof InterpretException;
    String message = own && cause.getMessage() != null ? cause.getMessage()
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.replaceFirst("^(java\\.lang\\.IllegalArgumentException|com\\.hubspot\\.jinjava\\.interpret\\.InterpretException): ", "");
    return new TemplateException("cannot render `" + text.strip() + "`: " + message, e);
  }

  void throwIfFatal(String text, List<TemplateError> errors) throws TemplateException {
    for (TemplateError err : errors) {
      if (err.getSeverity() == TemplateError.ErrorType.FATAL) {
        if (err.getException() instanceof RuntimeException e && syntaxProblem(err, new TemplateScanner.Expression(text, 0)) == null) {
          throw failure(text, e);
        }
        String message = err.getMessage() == null ? "" : err.getMessage();
        TemplateProblem syntax = syntaxProblem(err, new TemplateScanner.Expression(text, 0));
        throw new TemplateException(syntax != null ? syntax.message() : "cannot render `" + text.strip() + "`: " + message);
      }
    }
  }

  /**
   * A plain path ({@code result.stdout}, {@code conf['mode']}) that evaluated to null: an error
   * when a mapping on the way lacks the key, as Ansible's "has no attribute".
   */
  void checkPath(String expression, Map<String, Object> vars) throws TemplateException {
    Matcher path = PATH.matcher(expression.strip());
    if (!path.matches() || !vars.containsKey(path.group(1))) {
      return;
    }
    Object current = vars.get(path.group(1));
    String walked = path.group(1);
    Matcher step = STEP.matcher(path.group(2));
    while (step.find()) {
      String key = step.group(1) != null ? step.group(1) : step.group(2);
      if (key == null) {
        return; // a computed index: leave it to Jinjava
      }
      if (!(current instanceof Map<?, ?> map)) {
        return;
      }
      if (!map.containsKey(key)) {
        String hint = Suggestions.didYouMean(key, map.keySet().stream().map(String::valueOf).toList());
        throw TemplateException.undefined("`" + walked + "` has no attribute `" + key + "`"
            + (hint == null ? "" : " (" + hint + ")"));
      }
      current = map.get(key);
      walked = walked + "." + key;
    }
  }

  static String undefinedVariable(String name, Map<String, Object> vars) {
    String hint = Suggestions.didYouMean(name, vars.keySet());
    return "undefined variable `" + name + "`" + (hint == null ? "" : " (" + hint + ")");
  }

  /** Unknown filters and tests in one expression, with did-you-mean. */
  void unknownNames(TemplateScanner.Expression e, List<TemplateProblem> out) {
    ExpressionNames.Names names = ExpressionNames.of(e.text());
    for (ExpressionNames.Name f : names.filters()) {
      if (AnsibleDataFilters.REFUSED.containsKey(f.name())) {
        out.add(new TemplateProblem(AnsibleDataFilters.refusal(f.name()), e.offset() + f.offset(), null));
      } else if (global.getFilter(f.name()) == null) {
        Set<String> known = global.getAllFilters().stream().map(Filter::getName).collect(Collectors.toSet());
        String hint = Suggestions.didYouMean(f.name(), known);
        // a near miss is a typo; any other name is a filter of a collection (ipaddr, json_query...) we lack
        out.add(hint != null ? new TemplateProblem("unknown filter `" + f.name() + "`", e.offset() + f.offset(), hint)
            : new TemplateProblem("the filter `" + f.name() + "` is not supported yet", e.offset() + f.offset(),
                "Provision has Ansible's builtin filters and Jinja's (docs/playbooks.md, \"Filters\")"));
      }
    }
    for (ExpressionNames.Name t : names.tests()) {
      if (AnsibleTests.REFUSED.containsKey(t.name())) {
        out.add(new TemplateProblem(AnsibleTests.refusal(t.name()), e.offset() + t.offset(), null));
      } else if (global.getExpTest(t.name()) == null) {
        Set<String> known = global.getAllExpTests().stream().map(ExpTest::getName).collect(Collectors.toSet());
        out.add(new TemplateProblem("unknown test `" + t.name() + "`", e.offset() + t.offset(),
            Suggestions.didYouMean(t.name(), known)));
      }
    }
  }

  /** A parse error of one expression as a problem, or null when the error is not about syntax. */
  static TemplateProblem syntaxProblem(TemplateError err, TemplateScanner.Expression e) {
    String message = err.getMessage() == null ? "" : err.getMessage();
    Matcher function = FUNCTION.matcher(message);
    if (function.find()) {
      return new TemplateProblem("unknown function `" + function.group(1) + "`", e.offset(), null);
    }
    if (!message.startsWith("Error parsing") && !message.contains("syntax error")) {
      return null;
    }
    Matcher where = ENCOUNTERED.matcher(message);
    String what = where.find() ? "unexpected " + where.group(1) : "invalid expression";
    Matcher pos = POSITION.matcher(message);
    int offset = e.offset();
    if (pos.find()) {
      // Jinjava wraps the expression in "#{" ... "}", so its positions are 2 ahead.
      offset += Math.max(0, Math.min(e.text().length(), Integer.parseInt(pos.group(1)) - 2));
    }
    return new TemplateProblem("template syntax error in `" + e.text().strip() + "`: " + what, offset,
        "check brackets, quotes and operators");
  }
}
