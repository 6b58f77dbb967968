package dev.provision.lab.gate;

import dev.provision.lab.process.Processes;
import org.junit.jupiter.api.Assumptions;

/**
 * The one gate for tests that need a real part of this machine (a program, root, the Kubernetes binaries, a
 * mount). Where the part is missing the test is skipped, with the reason printed; under CI (the environment
 * variable CI is set) it fails instead, because CI installs every part (lab/prereqs.sh).
 */
public final class RealParts {

  private RealParts() {}

  /** Goes on when {@code present}; else skips, or fails under CI, saying {@code missing}. */
  public static void require(boolean present, String missing) {
    require(present, missing, System.getenv("CI") != null);
  }

  static void require(boolean present, String missing, boolean underCi) {
    if (present) {
      return;
    }
    if (underCi) {
      throw new AssertionError(missing + " (CI is set, so this is a failure: CI must provide it; see lab/prereqs.sh)");
    }
    System.out.println("SKIPPED: " + missing);
    Assumptions.abort(missing);
  }

  /** Programs (absolute paths, or names looked up on PATH and the sbin folders) and the Debian packages of them. */
  public static void requirePrograms(String aptPackages, String... programs) {
    for (String program : programs) {
      require(Processes.find(program) != null, program + " is not installed (apt-get install " + aptPackages + ")");
    }
  }

  /** Root, for {@code what} (users, mounts, sshd on port 22). */
  public static void requireRoot(String what) {
    require(Processes.isRoot(), what + " needs root");
  }
}
