package dev.provision.lab.disk;

import dev.provision.lab.gate.RealParts;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny tmpfs mounted where a test wants a full disk. Mounting needs root: where it cannot mount, the calling
 * test is skipped with the reason, or fails under CI.
 */
public final class SmallDisk {

  private SmallDisk() {}

  /** Mounts a tmpfs of {@code size} (for example {@code 64k}) on {@code where}. */
  public static void mount(Path where, String size) throws IOException {
    String problem = null;
    try {
      Processes.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", where.toString()));
    } catch (LabException e) {
      problem = e.getMessage();
    }
    RealParts.require(problem == null, "cannot mount a small tmpfs to fill a disk: " + problem);
  }

  /** Gives the mounted tmpfs a new size (room again, or less). */
  public static void resize(Path where, String size) throws IOException {
    Processes.run(List.of("mount", "-o", "remount,size=" + size, where.toString()));
  }

  public static void unmount(Path where) throws IOException {
    Processes.run(List.of("umount", where.toString()));
  }
}
