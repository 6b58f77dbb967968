package dev.provision.lab.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops sshd processes left behind by a test lab whose JVM died (killed fork, crash) and that still hold an
 * address we want. Only sshds started from a temporary {@link SshLab} config whose owner JVM is gone are touched.
 */
final class StaleLabs {

  static final String OWNER_FILE = "owner.pid";

  private static final Pattern CONFIG =
      Pattern.compile("-f (\\S*/" + SshLab.TEMP_PREFIX + "\\S*/sshd_config)");

  private StaleLabs() {}

  /** Kills orphaned lab sshds listening on {@code address}; true if one was found. */
  static boolean reclaim(String address) {
    boolean found = false;
    for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
      Path config = labConfig(p);
      // DIR/hosts/NAME/sshd_config: the owner file is in DIR
      if (config != null && listensOn(config, address) && ownerGone(config.getParent().getParent().getParent())) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.onExit().join();
        found = true;
      }
    }
    return found;
  }

  /** The lab config of an sshd; sshd rewrites its title ("sshd: /usr/sbin/sshd -f ... [listener]"). */
  private static Path labConfig(ProcessHandle p) {
    String line;
    try {
      line = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return null;
    }
    Matcher m = CONFIG.matcher(line);
    return line.contains("sshd") && m.find() ? Path.of(m.group(1)) : null;
  }

  private static boolean listensOn(Path config, String address) {
    try {
      return Files.readAllLines(config).contains("ListenAddress " + address);
    } catch (IOException e) {
      return true; // Its lab directory is gone: certainly orphaned.
    }
  }

  private static boolean ownerGone(Path labDir) {
    try {
      long owner = Long.parseLong(Files.readString(labDir.resolve(OWNER_FILE)).strip());
      return ProcessHandle.of(owner).map(h -> !h.isAlive()).orElse(true);
    } catch (IOException | NumberFormatException e) {
      return true;
    }
  }
}
