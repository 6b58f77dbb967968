package dev.provision.cli.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * A part a test needs is not on this machine: fail under CI (it must be there), skip with the reason
 * printed elsewhere. The same rule as the lab's one gate ({@code dev.provision.lab.gate.RealParts}),
 * which the cli's tests cannot use: their class path stands for the product's, which has no lab
 * ({@code LabCommandTest}).
 */
public final class Missing {

  private Missing() {}

  public static void part(String what) {
    String reason = "needs " + what + ", which is not installed (lab/prereqs.sh installs it)";
    if (System.getenv("CI") != null) {
      throw new AssertionError("CI is set but the test " + reason);
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }
}
