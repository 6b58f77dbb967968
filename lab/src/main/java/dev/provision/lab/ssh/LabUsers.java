package dev.provision.lab.ssh;

import dev.provision.lab.gate.RealParts;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
   * UsePAM no), {@code password} (may be null) and the given sudo rule. Without root the calling test is skipped,
   * or fails under CI.
   */
  public static void ensure(String name, String password, Sudo sudo) throws IOException {
    RealParts.requireRoot("creating lab user " + name);
    synchronized (LabUsers.class) {
      try {
        Processes.run(List.of("id", "-u", name));
      } catch (LabException missing) {
        try {
          Processes.run(List.of("useradd", "-M", "-d", "/nonexistent", "-s", "/bin/sh", name));
        } catch (LabException e) {
          if (!e.getMessage().contains("already exists")) {
            throw e;
          }
        }
      }
      if (password != null) {
        Processes.run(List.of("chpasswd"), name + ":" + password + "\n");
      } else {
        // "*": no password login, but not "locked" (a "!" would make sshd refuse key logins too).
        Processes.run(List.of("usermod", "-p", "*", name));
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
    Processes.run(List.of("visudo", "-c", "-q", "-f", temp.toString()));
    Files.move(temp, rule, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
