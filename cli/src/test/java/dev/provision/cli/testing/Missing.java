package dev.provision.cli.testing;

import org.junit.jupiter.api.Assumptions;

/** A part a test needs is not on this machine: fail under CI (it must be there), skip with the reason elsewhere. */
public final class Missing {

  private Missing() {}

  public static void part(String what) {
    String reason = "needs " + what + ", which is not installed (lab/prereqs.sh installs it)";
    if (System.getenv("CI") != null) {
      throw new AssertionError("CI is set but the test " + reason);
    }
    Assumptions.abort(reason);
  }
}
