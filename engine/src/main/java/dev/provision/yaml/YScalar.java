package dev.provision.yaml;

import dev.provision.diag.SourceSpan;

/**
 * A scalar. {@code plain} is true for unquoted scalars: only those are typed (numbers, booleans,
 * null), as YAML 1.1 does for Ansible, so {@code "yes"} stays a string and {@code yes} is true.
 */
public record YScalar(String text, boolean plain, SourceSpan span) implements YNode {

  @Override
  public Object toPlain() {
    return plain ? ScalarTypes.resolve(text) : text;
  }

  @Override
  public String kind() {
    Object value = toPlain();
    if (value == null) {
      return "null";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof Long || value instanceof Double) {
      return "a number";
    }
    return "a string";
  }

  public boolean isNull() {
    return plain && toPlain() == null;
  }
}
