package dev.provision.lab.mirror;

import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The release mirror: a real HTTP server ({@code python3 -m http.server}) on 127.0.0.1 serving a
 * copy of {@code lab/mirror/} (the stand-in release files) laid out like the KubeVirt downloads.
 * It keeps its port across restarts while that port is free, so a written inventory stays valid.
 */
public final class ReleaseMirror {

  private final LabLayout layout;

  public ReleaseMirror(LabLayout layout) {
    this.layout = layout;
  }

  public void up(PrintWriter out) throws IOException {
    copySources();
    OptionalLong pid = pid();
    if (pid.isPresent() && Processes.answers("127.0.0.1", port())) {
      out.printf("  mirror     already serving %s (pid %d)%n", baseUrl(), pid.getAsLong());
      return;
    }
    int port = Processes.freePort(Files.exists(portFile()) ? port() : 0);
    Files.writeString(portFile(), port + "\n");
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    long started = Processes.spawnDetached(List.of(python, "-m", "http.server", "--bind", "127.0.0.1",
        Integer.toString(port), "--directory", layout.mirror().toString()), log(), pidFile());
    long deadline = System.currentTimeMillis() + 10_000;
    while (!Processes.answers("127.0.0.1", port)) {
      if (System.currentTimeMillis() > deadline || ProcessHandle.of(started).map(p -> !p.isAlive()).orElse(true)) {
        throw new LabException("the release mirror did not start on 127.0.0.1:" + port + "; see " + log());
      }
      Processes.sleep(50);
    }
    out.printf("  mirror     serving %s (pid %d)%n", baseUrl(), started);
  }

  /** Copies lab/mirror into .lab/mirror, replacing changed files (the sources are small). */
  private void copySources() throws IOException {
    Path from = layout.mirrorSources();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = layout.mirror().resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  public boolean status(PrintWriter out) {
    OptionalLong pid = pid();
    boolean answers = pid.isPresent() && Processes.answers("127.0.0.1", port());
    out.printf("  mirror     %s  %s%n", Files.exists(portFile()) ? baseUrl() : "(no port)",
        pid.isEmpty() ? "stopped" : (answers ? "running" : "not answering") + " (pid " + pid.getAsLong() + ")");
    return answers;
  }

  public void down(PrintWriter out) {
    OptionalLong pid = pid();
    if (Processes.stop(pidFile(), layout.mirror().toString())) {
      out.printf("  mirror     stopped (pid %d)%n", pid.getAsLong());
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The stand-in version the mirror's stable.txt names. */
  public String stableVersion() throws IOException {
    return Files.readString(layout.mirrorSources().resolve("stable.txt")).strip();
  }

  private int port() {
    try {
      return Integer.parseInt(Files.readString(portFile()).strip());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  private OptionalLong pid() {
    return Processes.running(pidFile(), layout.mirror().toString());
  }

  private Path pidFile() {
    return layout.state().resolve("mirror.pid");
  }

  private Path portFile() {
    return layout.state().resolve("mirror.port");
  }

  private Path log() {
    return layout.state().resolve("mirror.log");
  }
}
