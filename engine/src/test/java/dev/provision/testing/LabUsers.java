package dev.provision.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Non-root login users for lab hosts (the hosts share this machine's /etc/passwd). Creating them
 * needs root; the users and their sudoers files stay (idempotent, reused by later runs).
 */
public final class LabUsers {

  private LabUsers() {}

  /** How the user may use sudo. */
  public enum Sudo {
    NONE,
    NOPASSWD,
    PASSWORD
  }

  /**
   * Makes sure {@code name} exists with shell /bin/sh, an unlocked account (key login works with
   * UsePAM no), {@code password} (may be null) and the given sudo rule.
   */
  public static void ensure(String name, String password, Sudo sudo) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      String reason = "creating lab user " + name + " needs root";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("CI is set but " + reason);
      }
      org.junit.jupiter.api.Assumptions.abort(reason);
    }
    synchronized (LabUsers.class) {
      try {
        LabTools.run(List.of("id", "-u", name));
      } catch (IOException missing) {
        try {
          LabTools.run(List.of("useradd", "-M", "-d", "/nonexistent", "-s", "/bin/sh", name));
        } catch (IOException e) {
          if (!e.getMessage().contains("already exists")) {
            throw e;
          }
        }
      }
      if (password != null) {
        LabTools.run(List.of("chpasswd"), name + ":" + password + "\n");
      } else {
        // "*": no password login, but not "locked" (a "!" would make sshd refuse key logins too).
        LabTools.run(List.of("usermod", "-p", "*", name));
      }
      Path rule = Path.of("/etc/sudoers.d/provision-lab-" + name);
      switch (sudo) {
        case NONE -> Files.deleteIfExists(rule);
        case NOPASSWD -> writeRule(rule, name + " ALL=(ALL:ALL) NOPASSWD: ALL\n");
        case PASSWORD -> writeRule(rule, name + " ALL=(ALL:ALL) ALL\n");
      }
    }
  }

  private static void writeRule(Path rule, String text) throws IOException {
    Path temp = rule.resolveSibling("." + rule.getFileName() + ".tmp");
    Files.writeString(temp, text);
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r--r-----"));
    LabTools.run(List.of("visudo", "-c", "-q", "-f", temp.toString()));
    Files.move(temp, rule, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
