package dev.provision.module;

/** Parameter types, with Ansible's lenient conversions (see {@link Params}). */
public enum ParamType {
  STRING("a string"),
  INT("an integer"),
  BOOL("a boolean"),
  LIST("a list"),
  MAP("a mapping"),
  /** A {@link java.time.Duration}: seconds ({@code 30}, {@code 0.5}) or {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 500ms}. */
  DURATION("a duration such as 30s, 5m or 1h30m"),
  ANY("any value");

  private final String words;

  ParamType(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
