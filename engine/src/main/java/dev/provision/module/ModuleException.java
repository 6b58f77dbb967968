package dev.provision.module;

import java.util.Map;

/** The task failed for a reason the user can act on; {@code data} is still registered. */
public class ModuleException extends Exception {

  private final transient Map<String, Object> data;

  public ModuleException(String message) {
    this(message, Map.of(), null);
  }

  public ModuleException(String message, Map<String, Object> data) {
    this(message, data, null);
  }

  public ModuleException(String message, Throwable cause) {
    this(message, Map.of(), cause);
  }

  public ModuleException(String message, Map<String, Object> data, Throwable cause) {
    super(message, cause);
    this.data = data == null ? Map.of() : data;
  }

  public Map<String, Object> data() {
    return data;
  }
}
