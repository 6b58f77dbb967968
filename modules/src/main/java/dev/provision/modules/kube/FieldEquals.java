package dev.provision.modules.kube;

import java.util.Map;

/** A field path equals a value, compared as text (so {@code value: true} matches a boolean true). */
public record FieldEquals(ObjectPath path, String value) implements ObjectCheck {

  @Override
  public boolean holds(Map<String, Object> object) {
    return path.readText(object).map(value::equals).orElse(false);
  }

  @Override
  public String state(Map<String, Object> object) {
    return path + " " + path.readText(object).map(v -> "= " + v).orElse("not set");
  }

  @Override
  public String adjective() {
    return path + " = " + value;
  }
}
