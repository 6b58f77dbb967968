package dev.provision.module;

import java.util.List;

/**
 * One declared parameter. Build with the static factories and the withers:
 * {@code Param.string("state").choices("present", "absent").defaultsTo("present")}.
 */
public record Param(
    String name,
    ParamType type,
    boolean isRequired,
    Object defaultValue,
    List<String> choices,
    List<String> aliases,
    boolean isSecret,
    String description,
    boolean isExpression,
    String notSupportedHint) {

  public Param {
    choices = List.copyOf(choices);
    aliases = List.copyOf(aliases);
  }

  public static Param of(String name, ParamType type) {
    return new Param(name, type, false, null, List.of(), List.of(), false, null, false, null);
  }

  public static Param string(String name) {
    return of(name, ParamType.STRING);
  }

  public static Param integer(String name) {
    return of(name, ParamType.INT);
  }

  public static Param bool(String name) {
    return of(name, ParamType.BOOL);
  }

  public static Param list(String name) {
    return of(name, ParamType.LIST);
  }

  public static Param map(String name) {
    return of(name, ParamType.MAP);
  }

  /** A duration, bound as a {@link java.time.Duration}; the default may be written as text ({@code "5m"}). */
  public static Param duration(String name) {
    return of(name, ParamType.DURATION);
  }

  public static Param any(String name) {
    return of(name, ParamType.ANY);
  }

  public Param required() {
    return new Param(name, type, true, defaultValue, choices, aliases, isSecret, description,
        isExpression, notSupportedHint);
  }

  public Param defaultsTo(Object value) {
    return new Param(name, type, isRequired, value, choices, aliases, isSecret, description,
        isExpression, notSupportedHint);
  }

  public Param choices(String... values) {
    return new Param(name, type, isRequired, defaultValue, List.of(values), aliases, isSecret, description,
        isExpression, notSupportedHint);
  }

  public Param aliases(String... names) {
    return new Param(name, type, isRequired, defaultValue, choices, List.of(names), isSecret, description,
        isExpression, notSupportedHint);
  }

  /** Values of a secret parameter never appear in output. */
  public Param secret() {
    return new Param(name, type, isRequired, defaultValue, choices, aliases, true, description,
        isExpression, notSupportedHint);
  }

  /**
   * The value is a bare Jinja expression, or a list of them, without braces ({@code assert}'s
   * {@code that}, {@code debug}'s {@code var}), as Ansible reads it: checked as an expression before
   * the run, and left to the module to evaluate with {@link HostContext#evaluate}.
   */
  public Param expression() {
    return new Param(name, type, isRequired, defaultValue, choices, aliases, isSecret, description,
        true, notSupportedHint);
  }

  /**
   * A parameter of the module's Ansible namesake that Provision does not support yet: declared, so a
   * playbook that sets it is refused before any host with "not supported yet" and {@code hint}
   * (what to write instead), never as an unknown parameter.
   */
  public Param notSupportedYet(String hint) {
    // described by the refusal itself, so the module reference lists it with what to do instead
    String said = hint == null || hint.isBlank() ? "not supported yet" : "not supported yet: " + hint;
    return new Param(name, type, isRequired, defaultValue, choices, aliases, isSecret,
        description == null || description.isBlank() ? said : description, isExpression, hint == null ? "" : hint);
  }

  /** Whether {@link #notSupportedYet} declared it. */
  public boolean isSupported() {
    return notSupportedHint == null;
  }

  public Param describedAs(String text) {
    return new Param(name, type, isRequired, defaultValue, choices, aliases, isSecret, text, isExpression,
        notSupportedHint);
  }
}
