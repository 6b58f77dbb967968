package dev.provision.module;

/**
 * Before and after of one thing (a file, an object, a package set), as text. Either side may be
 * empty (created, deleted). Reporters turn it into a unified diff.
 */
public record Diff(String header, String before, String after) {

  public static Diff of(String header, String before, String after) {
    return new Diff(header, before == null ? "" : before, after == null ? "" : after);
  }

  public boolean isEmpty() {
    return before.equals(after);
  }
}
