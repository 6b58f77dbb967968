package dev.provision.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja templates ({@code {{ }}}) rendered with Jinjava, the way Ansible renders them: a string
 * that is exactly one {@code {{ expr }}} keeps the expression's native type, variable values that
 * hold templates are rendered in turn (Ansible's lazy variables), undefined variables are errors,
 * and Ansible's common filters and tests exist. Thread-safe: one instance serves the whole run
 * (each call gets its own interpreter; the Jinjava instance is shared).
 */
public final class Templates {

  private static final Pattern SINGLE = Pattern.compile("\\s*\\{\\{-?(.*?)-?}}\\s*", Pattern.DOTALL);
  private static final int MAX_DEPTH = 20;

  private static final int MAX_CACHED = 10_000;

  /** Functions whose calls may take keyword arguments. */
  private static final Set<String> FUNCTIONS = Set.of("lookup", "query", "q", "dict");

  private final Jinjava jinjava;
  private final TemplateErrors errors;
  private final Map<String, TemplateScanner.Scan> scans = new ConcurrentHashMap<>();

  /**
   * The variable that gives {@code first_found} the folder it looks in ({@code files} without it):
   * a {@code with_first_found} loop sets it from the task's action, as Ansible's loop does.
   */
  public static final String FIRST_FOUND_SUBDIR = "__first_found_subdir";

  public Templates() {
    this.jinjava = create();
    this.errors = new TemplateErrors(jinjava.getGlobalContext());
  }

  // Lenient on purpose: Jinjava's failOnUnknownTokens only fails when a whole expression is null,
  // so undefined variables are found by reading the expression instead (see Interpreter.defined).
  // The legacy overrides are Jinja's (Python's) behaviour: lists, mappings and booleans print as
  // Python prints them, `for k in mapping` gives its keys, `{key: 1}` reads the variable `key`, and
  // operators bind as in Python; PythonSyntax gives the operators Python's meaning.
  private static Jinjava create() {
    jinjava.javax.el.ExpressionFactory python = PythonSyntax.factory();
    JinjavaConfig config = JinjavaConfig.newBuilder()
        .withFailOnUnknownTokens(false)
        .withTrimBlocks(true)
        .withNestedInterpretationEnabled(true)
        .withElResolver(new MissingKeys())
        .withLegacyOverrides(LegacyOverrides.newBuilder()
            .withUsePyishObjectMapper(true)
            .withIterateOverMapKeys(true)
            .withEvaluateMapKeys(true)
            .withUseNaturalOperatorPrecedence(true)
            .withKeepNullableLoopValues(true)
            .build())
        .build();
    Jinjava j = new Jinjava(config) {
      @Override
      public jinjava.javax.el.ExpressionFactory getExpressionFactory() {
        return python; // Jinja's operators (PythonSyntax)
      }
    };
    Context global = j.getGlobalContext();
    AnsibleFilters.registerAll(global);
    AnsibleDataFilters.registerAll(global);
    AnsibleUtilityFilters.registerAll(global);
    AnsibleTests.registerAll(global);
    function(global, CallArguments.ARGS, CallArguments.class, "pack", Object[].class);
    function(global, CallArguments.KWARG, CallArguments.class, "keyword", String.class);
    function(global, "lookup", Lookups.class, "lookup", String.class, Object[].class);
    function(global, "query", Lookups.class, "query", String.class, Object[].class);
    function(global, "q", Lookups.class, "query", String.class, Object[].class);
    function(global, "dict", Lookups.class, "dict", Object[].class);
    function(global, PythonSlice.FUNCTION, PythonSlice.class, "of", Object.class, Object.class, Object.class);
    return j;
  }

  /** Registers a static method of this package as a Jinja function (the class need not be public). */
  static void function(Context global, String name, Class<?> type, String method, Class<?>... parameters) {
    try {
      java.lang.reflect.Method m = type.getDeclaredMethod(method, parameters);
      m.setAccessible(true);
      global.registerFunction(new ELFunctionDefinition("", name, m));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Jinja syntax that Jinjava reads otherwise, rewritten (keyword arguments of tests and functions). */
  private static String jinja(String expression) {
    return JinjaRewrites.expression(expression, AnsibleTests.names(), FUNCTIONS);
  }

  /** {@code value} with its {@code !unsafe} strings as their text: what a module or a connection receives. */
  public static Object revealUnsafe(Object value) {
    return dev.provision.yaml.UnsafeText.reveal(value);
  }

  /** Whether a string holds template syntax at all; plain strings are never sent to Jinjava. */
  public static boolean isTemplate(String text) {
    return text != null && TemplateScanner.isTemplate(text);
  }

  /**
   * Renders every string inside {@code value} (maps and lists are walked). A string that is
   * exactly one {@code {{ expr }}} keeps the expression's native type (list, map, number), as in
   * Ansible. Undefined variables are errors.
   */
  public Object render(Object value, Map<String, Object> vars) throws TemplateException {
    if (!containsTemplate(value)) {
      return value;
    }
    Interpreter in = new Interpreter(vars);
    return in.deep(value, 0);
  }

  /** Evaluates a bare expression ({@code assert}'s {@code that}, {@code debug}'s {@code var}). */
  public Object evaluate(String expression, Map<String, Object> vars) throws TemplateException {
    vars = dev.provision.yaml.UnsafeText.revealIn(vars); // a condition compares an unsafe value's text
    Matcher single = SINGLE.matcher(expression);
    String bare = single.matches() && !single.group(1).contains("}}") ? single.group(1) : expression;
    // inside braces (`when: "{{ x }}"`), Ansible reads backslashes as in `{{ }}` of any text
    return new Interpreter(vars).expression(bare, 0,
        bare == expression ? TemplateScanner.Escapes.PYTHON : TemplateScanner.Escapes.LITERAL);
  }

  /** Evaluates a bare expression ({@code when:}, {@code until:}) to Ansible truthiness. */
  public boolean test(String expression, Map<String, Object> vars) throws TemplateException {
    return PlainValues.truthy(evaluate(expression, vars));
  }

  /** The lookups a loop may name ({@code with_NAME}), besides the loop keywords of their own. */
  public static Set<String> lookups() {
    return java.util.Collections.unmodifiableSet(Lookups.SUPPORTED);
  }

  /**
   * The items of {@code with_NAME: terms}: lookup {@code plugin} over the rendered terms (a list; a
   * single value is one term), as a list, as Ansible runs a loop's lookup.
   */
  public List<Object> loopLookup(String plugin, Object terms, Map<String, Object> vars) throws TemplateException {
    List<Object> list = terms instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(java.util.Arrays.asList(terms));
    Interpreter in = new Interpreter(vars);
    JinjavaInterpreter.pushCurrent(in.in);
    try {
      Object out = Lookups.query(plugin, list.toArray());
      return out instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(java.util.Arrays.asList(out));
    } catch (RuntimeException e) {
      throw errors.failure("with_" + plugin, e);
    } finally {
      JinjavaInterpreter.popCurrent();
    }
  }

  /** Root variable names an expression or template text refers to (for undefined-variable checks). */
  public Set<String> referencedVariables(String text, boolean bareExpression) {
    Set<String> out = new LinkedHashSet<>();
    variableReferences(text, bareExpression).forEach(r -> out.add(r.name()));
    return out;
  }

  /**
   * Every use of a root variable, with its 0-based offset in {@code text} so that a checker can
   * point at it, and whether the use is guarded. Names bound inside the template are left out.
   */
  public List<VariableReference> variableReferences(String text, boolean bareExpression) {
    List<VariableReference> out = new ArrayList<>();
    if (text == null || (!bareExpression && !isTemplate(text))) {
      return out;
    }
    TemplateScanner.Scan scan = scan(text, bareExpression);
    for (TemplateScanner.Expression e : scan.expressions()) {
      for (ExpressionNames.Name n : ExpressionNames.of(e.text()).variables()) {
        if (!scan.bound().contains(n.name())) {
          out.add(new VariableReference(n.name(), e.offset() + n.offset(), n.guarded()));
        }
      }
    }
    return out;
  }

  /**
   * Syntax problems of template text (or a bare expression), without any variables: unclosed
   * delimiters, unbalanced blocks, expressions that do not parse, unknown filters, tests and
   * functions. Empty when the text is fine.
   */
  public List<TemplateProblem> check(String text, boolean bareExpression) {
    List<TemplateProblem> out = new ArrayList<>();
    if (text == null || (!bareExpression && !isTemplate(text))) {
      return out;
    }
    Matcher single = SINGLE.matcher(text);
    if (bareExpression && single.matches() && !single.group(1).contains("}}")) {
      // `when: "{{ x }}"`: Ansible accepts the braces (with a warning), and so does evaluate().
      bareExpression = false;
    }
    TemplateScanner.Scan scan = scan(text, bareExpression);
    scan.problems().forEach(p -> out.add(new TemplateProblem(p.message(), p.offset(), p.hint())));
    for (TemplateScanner.Expression e : scan.expressions()) {
      if (e.text().isBlank()) {
        out.add(new TemplateProblem("empty expression", e.offset(), "write a condition or a variable"));
        continue;
      }
      int before = out.size();
      int assignment = ExpressionNames.assignment(e.text());
      if (assignment >= 0) {
        out.add(assignmentProblem(e, assignment));
        continue;
      }
      errors.unknownNames(e, out);
      if (out.size() == before) {
        parseCheck(e, out);
      }
    }
    return out;
  }

  private static TemplateProblem assignmentProblem(TemplateScanner.Expression e, int offset) {
    boolean semicolon = e.text().charAt(offset) == ';';
    return semicolon
        ? new TemplateProblem("`;` is not allowed in an expression", e.offset() + offset, "remove it")
        : new TemplateProblem("`=` is not allowed in an expression", e.offset() + offset, "to compare, write `==`");
  }

  /** Parses one expression with a lenient interpreter and keeps only parse errors. */
  private void parseCheck(TemplateScanner.Expression e, List<TemplateProblem> out) {
    JinjavaInterpreter in = new JinjavaInterpreter(jinjava, new Context(jinjava.getGlobalContext()), jinjava.getGlobalConfig());
    JinjavaInterpreter.pushCurrent(in);
    try {
      in.resolveELExpression(TemplateScanner.pythonEscapes(jinja(e.text()), true), 1);
    } catch (RuntimeException ignored) {
      // a runtime failure on empty variables is not a syntax error
    } finally {
      JinjavaInterpreter.popCurrent();
    }
    for (TemplateError err : in.getErrors()) {
      TemplateProblem p = TemplateErrors.syntaxProblem(err, e);
      if (p != null) {
        out.add(p);
        return;
      }
    }
  }

  /** Scans are cached: the same task templates are rendered for every host. */
  private TemplateScanner.Scan scan(String text, boolean bareExpression) {
    String key = (bareExpression ? "E" : "T") + text;
    TemplateScanner.Scan cached = scans.get(key);
    if (cached != null) {
      return cached;
    }
    TemplateScanner.Scan scan = TemplateScanner.scan(text, bareExpression);
    if (scans.size() >= MAX_CACHED) {
      scans.clear();
    }
    scans.put(key, scan);
    return scan;
  }

  private static boolean containsTemplate(Object value) {
    if (value instanceof String s) {
      return isTemplate(s);
    }
    if (value instanceof Map<?, ?> m) {
      return m.values().stream().anyMatch(Templates::containsTemplate)
          || m.keySet().stream().anyMatch(Templates::containsTemplate);
    }
    if (value instanceof Iterable<?> items) {
      for (Object item : items) {
        if (containsTemplate(item)) {
          return true;
        }
      }
    }
    return false;
  }

  /** One render call: an interpreter over the variables, reused for every string in the value. */
  private final class Interpreter {
    private final Map<String, Object> vars;
    private final JinjavaInterpreter in;

    Interpreter(Map<String, Object> vars) {
      this.vars = vars;
      // a context of its own above the caller's variables: undefined names are bound in it, never in vars
      this.in = new JinjavaInterpreter(jinjava, new Context(new Context(jinjava.getGlobalContext(), vars)),
          jinjava.getGlobalConfig()) {
        // text prints values as Jinja does: True, and [True, 'a', None] (None alone prints nothing)
        @Override
        public String getAsString(Object value) {
          return value instanceof Boolean || value instanceof Map || value instanceof List
              ? PlainValues.pythonStr(value) : super.getAsString(value);
        }
      };
    }

    Object deep(Object value, int depth) throws TemplateException {
      if (depth > MAX_DEPTH) {
        throw new TemplateException("template recursion is too deep (a variable that refers to itself?)");
      }
      if (value instanceof String s) {
        return string(s, depth);
      }
      if (value instanceof Map<?, ?> m) {
        if (!containsTemplate(m)) {
          return value;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          out.put(deep(e.getKey(), depth), deep(e.getValue(), depth));
        }
        return out;
      }
      if (value instanceof List<?> l) {
        if (!containsTemplate(l)) {
          return value;
        }
        List<Object> out = new ArrayList<>(l.size());
        for (Object item : l) {
          out.add(deep(item, depth));
        }
        return out;
      }
      return value;
    }

    private Object string(String s, int depth) throws TemplateException {
      if (!isTemplate(s) || dev.provision.yaml.UnsafeText.is(s)) {
        return s; // an unsafe string stays as it is: any text it is rendered into gives it back as written
      }
      Matcher single = SINGLE.matcher(s);
      if (single.matches() && !single.group(1).contains("}}") && !single.group(1).contains("{{")) {
        return expression(single.group(1), depth, TemplateScanner.Escapes.LITERAL);
      }
      defined(s, false);
      in.getErrors().clear();
      JinjavaInterpreter.pushCurrent(in);
      String output;
      try {
        output = in.render(TemplateScanner.pythonEscapes(
            JinjaRewrites.template(s, scan(s, false).expressions(), AnsibleTests.names(), FUNCTIONS), false));
      } catch (RuntimeException e) {
        throw errors.failure(s, e);
      } finally {
        JinjavaInterpreter.popCurrent();
      }
      errors.throwIfFatal(s, in.getErrors());
      return output;
    }

    Object expression(String expression, int depth, TemplateScanner.Escapes escapes) throws TemplateException {
      defined(expression, true);
      in.getErrors().clear();
      JinjavaInterpreter.pushCurrent(in);
      Object result;
      try {
        result = in.resolveELExpression(TemplateScanner.escapes(jinja(expression), true, escapes), 1);
      } catch (RuntimeException e) {
        throw errors.failure(expression, e);
      } finally {
        JinjavaInterpreter.popCurrent();
      }
      errors.throwIfFatal(expression, in.getErrors());
      if (Undefined.is(result)) {
        errors.checkPath(expression, vars);
        throw TemplateException.undefined("`" + expression.strip() + "` is undefined");
      }
      return deep(PlainValues.plain(result), depth + 1);
    }

    /**
     * Ansible's undefined-variable error, decided by reading the template: a root name that no
     * variable defines is an error, unless one of its uses copes with that ({@code is defined},
     * {@code | default}). Syntax problems and unknown filters or tests are reported here too.
     */
    private void defined(String text, boolean bare) throws TemplateException {
      TemplateScanner.Scan scan = scan(text, bare);
      if (!scan.problems().isEmpty()) {
        TemplateScanner.Problem p = scan.problems().get(0);
        throw new TemplateException(p.message() + (p.hint() == null ? "" : " (" + p.hint() + ")"));
      }
      Set<String> guarded = new java.util.HashSet<>();
      List<ExpressionNames.Name> uses = new ArrayList<>();
      for (TemplateScanner.Expression e : scan.expressions()) {
        ExpressionNames.Names names = ExpressionNames.of(e.text());
        List<TemplateProblem> unknown = new ArrayList<>();
        int assignment = ExpressionNames.assignment(e.text());
        if (assignment >= 0) {
          unknown.add(assignmentProblem(e, assignment));
        }
        errors.unknownNames(e, unknown);
        if (!unknown.isEmpty()) {
          TemplateProblem p = unknown.get(0);
          throw new TemplateException(p.message() + (p.hint() == null ? "" : " (" + p.hint() + ")"));
        }
        for (ExpressionNames.Name n : names.variables()) {
          if (n.guarded()) {
            guarded.add(n.name());
          }
          uses.add(n);
        }
      }
      for (ExpressionNames.Name n : uses) {
        if (vars.containsKey(n.name()) || scan.bound().contains(n.name())) {
          continue;
        }
        if (!guarded.contains(n.name())) {
          throw TemplateException.undefined(TemplateErrors.undefinedVariable(n.name(), vars));
        }
        in.getContext().put(n.name(), Undefined.VALUE); // `x is defined` and `x | default(..)` see Jinja's undefined
      }
    }
  }
}
