package dev.provision.it.kube;

import org.junit.jupiter.api.Assumptions;

/**
 * A real part a test needs (binaries, scripts). Missing here, the test is skipped with the reason printed;
 * missing in CI (env CI set), the test fails, because CI installs everything.
 */
final class RequiredPart {
    private RequiredPart() {
    }

    static void require(boolean present, String reason) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("required in CI: " + reason);
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
