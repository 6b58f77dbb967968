package dev.provision.template;

import java.util.Map;
import java.util.Set;

/**
 * Jinja templates ({@code {{ }}}) rendered with Jinjava, the way Ansible renders them. Thread-safe:
 * one instance serves the whole run. TODO(template): implementation.
 */
public final class Templates {

  /**
   * Renders every string inside {@code value} (maps and lists are walked). A string that is
   * exactly one {@code {{ expr }}} keeps the expression's native type (list, map, number), as in
   * Ansible. Undefined variables are errors.
   */
  public Object render(Object value, Map<String, Object> vars) throws TemplateException {
    throw new UnsupportedOperationException("templates are not implemented yet");
  }

  /** Evaluates a bare expression ({@code when:}, {@code until:}) to Ansible truthiness. */
  public boolean test(String expression, Map<String, Object> vars) throws TemplateException {
    throw new UnsupportedOperationException("templates are not implemented yet");
  }

  /** Root variable names an expression or template text refers to (for undefined-variable checks). */
  public Set<String> referencedVariables(String text, boolean bareExpression) {
    throw new UnsupportedOperationException("templates are not implemented yet");
  }
}
