package dev.provision.modules.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Gates for tests that need real parts of this machine. Where one is missing the test is skipped
 * with the reason, except under CI (the variable CI is set), where CI must have installed it.
 */
public final class RealParts {

  private RealParts() {}

  public static void require(boolean present, String missing) {
    if (present) {
      return;
    }
    if (System.getenv("CI") != null) {
      fail(missing + " (CI is set, so this is a failure: CI must install it)");
    }
    System.err.println("SKIPPED: " + missing);
    Assumptions.abort(missing);
  }

  /** Programs on the PATH, with the apt packages that provide them in the message. */
  public static void requireCommands(String aptPackages, String... commands) {
    for (String command : commands) {
      boolean found = List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
          .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
      require(found, command + " is not installed (apt-get install " + aptPackages + ")");
    }
  }

  /** Whether `locale -a` lists the locale (glibc prints `ja_JP.utf8` for `ja_JP.UTF-8`). */
  public static boolean hasLocale(String locale) {
    try {
      Process p = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
      String all = new String(p.getInputStream().readAllBytes()).toLowerCase();
      p.waitFor();
      String wanted = locale.toLowerCase().replace("utf-8", "utf8");
      return List.of(all.split("\n")).contains(wanted);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The repository's root, found from the module's working directory. */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("lab"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no lab/ folder above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
