package dev.provision.module;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A module's declared parameters (Ansible's argument_spec) and its documentation. {@link #check}
 * validates the literal arguments of a task at parse time, with spans; {@link #bind} validates and
 * converts the rendered arguments at run time. Values that hold a template ({@code {{ }}}) are only
 * checked at run time.
 *
 * <p>The documentation lives here, next to the parameters it describes, so a module is documented
 * in one place: {@link #summary()}, each {@link Param#description()}, the keys it
 * {@link #returns() registers} and {@link #examples()}. {@code provision doc} and docs/modules.md
 * are generated from it.
 */
public final class ParamSchema {

  private final Map<String, Param> params;
  private final Map<String, String> aliasToName;
  private final String freeForm;
  private final List<List<String>> mutuallyExclusive;
  private final List<List<String>> requiredOneOf;
  private final boolean anyKeys;
  private final String summary;
  private final List<String> notes;
  private final Map<String, String> returns;
  private final List<String> examples;
  private final boolean definesVariables;
  private final boolean returnsFacts;
  private final boolean includesVars;
  private final boolean waits;

  private ParamSchema(Builder b) {
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
    Map<String, String> aliases = new LinkedHashMap<>();
    for (Param p : b.params.values()) {
      aliases.put(p.name(), p.name());
      p.aliases().forEach(a -> aliases.put(a, p.name()));
    }
    this.aliasToName = Collections.unmodifiableMap(aliases);
    this.freeForm = b.freeForm;
    this.mutuallyExclusive = List.copyOf(b.mutuallyExclusive);
    this.requiredOneOf = List.copyOf(b.requiredOneOf);
    this.anyKeys = b.anyKeys;
    this.definesVariables = b.definesVariables;
    this.returnsFacts = b.returnsFacts;
    this.includesVars = b.includesVars;
    this.waits = b.waits;
    this.summary = b.summary;
    this.notes = List.copyOf(b.notes);
    this.returns = Collections.unmodifiableMap(new LinkedHashMap<>(b.returns));
    this.examples = List.copyOf(b.examples);
  }

  /** What the module does, in one sentence; null if undocumented. */
  public String summary() {
    return summary;
  }

  /** Further paragraphs: how it decides, what it never does. */
  public List<String> notes() {
    return notes;
  }

  /** The keys it registers (beyond Ansible's common {@code changed}, {@code failed}, {@code msg}), described. */
  public Map<String, String> returns() {
    return returns;
  }

  /** Tasks that use it, as YAML (one or more list items each). */
  public List<String> examples() {
    return examples;
  }

  /** Groups of parameters of which exactly one may be given. */
  public List<List<String>> mutuallyExclusive() {
    return mutuallyExclusive;
  }

  /** Groups of parameters of which at least one must be given. */
  public List<List<String>> requiredOneOf() {
    return requiredOneOf;
  }

  /** Whether keys that are not declared are accepted as they are ({@code set_fact}). */
  /**
   * Whether the module's result sets host variables through {@code ansible_facts}. Only then does
   * the engine merge them: a {@code debug} of {@code ansible_facts} shows them and sets nothing
   * (Ansible's bug #74060, fixed there the same way).
   */
  public boolean returnsFacts() {
    return returnsFacts;
  }

  /** Whether the module's keys name the variables it sets ({@code set_fact}): see {@link Builder#definesVariables()}. */
  public boolean definesVariables() {
    return definesVariables;
  }

  /** The result's {@code ansible_facts} are included variables ({@code include_vars}): see {@link Builder#includesVars()}. */
  public boolean includesVars() {
    return includesVars;
  }

  /** Whether the module's run is mostly waiting for something else to become true (the run report hatches it). */
  public boolean waits() {
    return waits;
  }

  public boolean acceptsAnyKeys() {
    return anyKeys;
  }

  /**
   * The host variables a task with these (unrendered) arguments defines: with
   * {@link Builder#definesVariables()}, every key that is not a declared parameter ({@code set_fact}'s
   * names, not its {@code cacheable}); otherwise none. Keys are literal, so this is known before the run.
   */
  public java.util.Set<String> variablesDefinedBy(Object args) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    if (definesVariables && args instanceof Map<?, ?> map) {
      map.keySet().stream().map(String::valueOf).filter(k -> !aliasToName.containsKey(k)).forEach(out::add);
    }
    return out;
  }

  /** The keys (names and aliases) whose values are bare expressions ({@link Param#expression()}). */
  public java.util.Set<String> expressionKeys() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    aliasToName.forEach((key, name) -> {
      if (params.get(name).isExpression()) {
        out.add(key);
      }
    });
    return out;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Map<String, Param> params() {
    return params;
  }

  /** The parameter that a bare scalar fills ({@code command: uname -r}), or null. */
  public String freeForm() {
    return freeForm;
  }

  public Optional<Param> param(String nameOrAlias) {
    String name = aliasToName.get(nameOrAlias);
    return name == null ? Optional.empty() : Optional.of(params.get(name));
  }

  /** Static checks of a task's arguments as written. {@code args} may be null (no arguments). */
  public Diagnostics check(String module, YNode args, SourceSpan moduleSpan) {
    Diagnostics out = new Diagnostics();
    Map<String, YNode> given = new LinkedHashMap<>();
    if (args instanceof YScalar scalar && !scalar.isNull()) {
      if (freeForm == null) {
        out.error(args.span(), "module `" + module + "` takes a mapping of parameters, not " + args.kind(),
            "write the parameters as `key: value` lines under `" + module + ":`");
        return out;
      }
      given.put(freeForm, args);
    } else if (args instanceof YSeq) {
      out.error(args.span(), "module `" + module + "` takes a mapping of parameters, not a list", null);
      return out;
    } else if (args instanceof YMap map) {
      for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
        String key = e.getKey();
        String name = aliasToName.get(key);
        if (name == null && anyKeys) {
          given.put(key, e.getValue());
          continue;
        }
        if (name == null) {
          String hint = Suggestions.didYouMean(key, aliasToName.keySet());
          out.error(map.keySpan(key), "unknown parameter `" + key + "` for module `" + module + "`",
              hint != null ? hint : "known parameters: " + String.join(", ", params.keySet()));
          continue;
        }
        if (given.containsKey(name)) {
          out.error(map.keySpan(key), "parameter `" + name + "` is given twice (as `" + key + "`)", "keep one");
          continue;
        }
        given.put(name, e.getValue());
        Param p = params.get(name);
        if (!p.isSupported()) {
          out.error(map.keySpan(key), notSupported(module, key), p.notSupportedHint().isEmpty() ? null
              : p.notSupportedHint());
          continue;
        }
        checkValue(module, p, e.getValue(), out);
      }
    }
    SourceSpan where = args != null && args.span() != null ? args.span() : moduleSpan;
    for (Param p : params.values()) {
      if (p.isRequired() && p.defaultValue() == null && !given.containsKey(p.name())) {
        out.error(where, "module `" + module + "` needs parameter `" + p.name() + "`",
            "add `" + p.name() + ":` (" + p.type().words() + ")");
      }
    }
    for (List<String> group : mutuallyExclusive) {
      List<String> present = group.stream().filter(given::containsKey).toList();
      if (present.size() > 1) {
        out.error(where, "parameters " + String.join(" and ", present) + " of `" + module + "` exclude each other",
            "keep only one of " + String.join(", ", group));
      }
    }
    for (List<String> group : requiredOneOf) {
      if (group.stream().noneMatch(given::containsKey)) {
        out.error(where, "module `" + module + "` needs one of " + String.join(", ", group), null);
      }
    }
    return out;
  }

  private static String notSupported(String module, String key) {
    return "parameter `" + key + "` of `" + module + "` is not supported yet";
  }

  private static void checkValue(String module, Param p, YNode value, Diagnostics out) {
    if (value instanceof YScalar s && s.text().contains("{{")) {
      return; // known at run time
    }
    Object plain = value.toPlain();
    if (plain == null) {
      return;
    }
    try {
      Object converted = Params.convert(p, plain);
      if (!p.choices().isEmpty() && !p.choices().contains(String.valueOf(converted))) {
        String hint = Suggestions.didYouMean(String.valueOf(converted), p.choices());
        out.error(value.span(), "parameter `" + p.name() + "` of `" + module + "` must be one of "
            + String.join(", ", p.choices()) + ", not `" + converted + "`",
            hint != null ? hint : "choose one of " + String.join(", ", p.choices()));
      }
    } catch (IllegalArgumentException e) {
      // a duration is written as text, so the text itself says what is wrong with it
      String given = p.type() == ParamType.DURATION && value instanceof YScalar s ? "`" + s.text() + "`" : value.kind();
      out.error(value.span(), "parameter `" + p.name() + "` of `" + module + "` must be " + p.type().words()
          + ", not " + given, e.getMessage());
    }
  }

  /**
   * Binds rendered arguments (plain values: Map, List, String, Long, Boolean...) for one run,
   * applying defaults and conversions.
   */
  public Params bind(String module, Object rendered) throws ModuleException {
    Map<String, Object> given = new LinkedHashMap<>();
    if (rendered instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = aliasToName.get(String.valueOf(e.getKey()));
        if (name == null && anyKeys) {
          name = String.valueOf(e.getKey());
        }
        if (name == null) {
          throw new ModuleException("unknown parameter `" + e.getKey() + "` for module `" + module + "`");
        }
        if (params.containsKey(name) && !params.get(name).isSupported()) {
          throw new ModuleException(notSupported(module, String.valueOf(e.getKey()))
              + (params.get(name).notSupportedHint().isEmpty() ? "" : ": " + params.get(name).notSupportedHint()));
        }
        given.put(name, e.getValue());
      }
    } else if (rendered != null) {
      if (freeForm == null) {
        throw new ModuleException("module `" + module + "` takes a mapping of parameters");
      }
      given.put(freeForm, rendered);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : params.values()) {
      Object v = given.containsKey(p.name()) ? given.get(p.name()) : p.defaultValue();
      if (v == null) {
        if (p.isRequired()) {
          throw new ModuleException("module `" + module + "` needs parameter `" + p.name() + "`");
        }
        continue;
      }
      try {
        Object converted = Params.convert(p, v);
        if (!p.choices().isEmpty() && !p.choices().contains(String.valueOf(converted))) {
          throw new ModuleException("parameter `" + p.name() + "` of `" + module + "` must be one of "
              + String.join(", ", p.choices()) + ", not `" + converted + "`");
        }
        values.put(p.name(), converted);
      } catch (IllegalArgumentException e) {
        throw new ModuleException("parameter `" + p.name() + "` of `" + module + "` must be "
            + p.type().words() + ": " + e.getMessage());
      }
    }
    if (anyKeys) {
      given.forEach((k, v) -> {
        if (!params.containsKey(k)) {
          values.put(k, v);
        }
      });
    }
    for (List<String> group : mutuallyExclusive) {
      if (group.stream().filter(given::containsKey).count() > 1) {
        throw new ModuleException("parameters " + group + " of `" + module + "` exclude each other");
      }
    }
    return new Params(module, values);
  }

  public static final class Builder {
    private final Map<String, Param> params = new LinkedHashMap<>();
    private String freeForm;
    private final List<List<String>> mutuallyExclusive = new ArrayList<>();
    private final List<List<String>> requiredOneOf = new ArrayList<>();
    private boolean anyKeys;
    private String summary;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> returns = new LinkedHashMap<>();
    private final List<String> examples = new ArrayList<>();

    /** One sentence: what the module does. */
    public Builder summary(String text) {
      this.summary = text;
      return this;
    }

    /** A paragraph of documentation beyond the summary. */
    public Builder note(String text) {
      notes.add(text);
      return this;
    }

    /** A key the module registers, and what it holds. */
    public Builder returns(String key, String description) {
      returns.put(key, description);
      return this;
    }

    /** A task using the module, as YAML list items; it is checked like a playbook's tasks. */
    public Builder example(String yaml) {
      examples.add(yaml.stripTrailing());
      return this;
    }
    private boolean definesVariables;
    private boolean returnsFacts;
    private boolean includesVars;
    private boolean waits;

    public Builder param(Param p) {
      params.put(p.name(), p);
      return this;
    }

    /** A bare scalar value fills this parameter, as in {@code shell: echo hi}. */
    public Builder freeForm(String name) {
      this.freeForm = name;
      return this;
    }

    public Builder mutuallyExclusive(String... names) {
      mutuallyExclusive.add(List.of(names));
      return this;
    }

    public Builder requiredOneOf(String... names) {
      requiredOneOf.add(List.of(names));
      return this;
    }

    /** Accept keys that are not declared, with any value (as {@code set_fact} does). */
    public Builder anyKeys() {
      this.anyKeys = true;
      return this;
    }

    /**
     * Every key that is not a declared parameter is the name of a host variable the task sets, to
     * the key's value ({@code set_fact}); the module returns them under {@code ansible_facts}. The
     * engine learns the names from here (variable checks, plans that defer the task), never from
     * the module's name. Implies {@link #anyKeys()}.
     */
    public Builder definesVariables() {
      this.anyKeys = true;
      this.definesVariables = true;
      this.returnsFacts = true;
      return this;
    }

    /** The result's {@code ansible_facts} become host variables (fact modules); implied by {@link #definesVariables()}. */
    public Builder returnsFacts() {
      this.returnsFacts = true;
      return this;
    }

    /**
     * The result's {@code ansible_facts} are variables loaded from files ({@code include_vars}): at
     * their own precedence, below {@code set_fact}, and their values may hold templates, rendered
     * where they are used, as Ansible's included variables are.
     */
    public Builder includesVars() {
      this.returnsFacts = true;
      this.includesVars = true;
      return this;
    }

    /** The module waits (for a port, a file, an object's state, a pause): said in task_started's {@code waits}. */
    public Builder waits() {
      this.waits = true;
      return this;
    }

    public ParamSchema build() {
      if (freeForm != null && !params.containsKey(freeForm)) {
        throw new IllegalStateException("free-form parameter " + freeForm + " is not declared");
      }
      return new ParamSchema(this);
    }
  }
}
