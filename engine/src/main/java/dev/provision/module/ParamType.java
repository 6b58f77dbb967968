package dev.provision.module;

/** Parameter types, with Ansible's lenient conversions (see {@link Params}). */
public enum ParamType {
  STRING("a string"),
  INT("an integer"),
  BOOL("a boolean"),
  LIST("a list"),
  MAP("a mapping"),
  ANY("any value");

  private final String words;

  ParamType(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
