package dev.provision.run;

/**
 * The one wording of a throwable nobody expected (a module's bug, a JDK refusal, an engine bug):
 * the node fails with it, is counted and reported like any failure, and the run goes on. Kept short
 * and stable: "internal error: CLASS: MESSAGE".
 */
final class Crash {

  private Crash() {}

  static String message(Throwable e) {
    String text = e.getMessage();
    return "internal error: " + e.getClass().getName() + (text == null || text.isBlank() ? "" : ": " + text);
  }
}
