package dev.provision.cli.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Process helpers for the lab. Processes are only ever stopped by a PID the lab recorded, and
 * only when that PID still runs the program the lab started (a reused PID is left alone).
 */
final class LabProcesses {

  private LabProcesses() {}

  /** Runs a command to completion; its output is returned, and part of it is in the error when it fails. */
  static String run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds) throws LabException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    builder.environment().putAll(env);
    try {
      Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new LabException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new LabException(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + tail(text, 30));
      }
      return text;
    } catch (IOException e) {
      throw new LabException("cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while running " + command.get(0));
    }
  }

  /** Runs a command, copying each output line to {@code out} with a prefix as it comes (long builds). */
  static void runStreaming(List<String> command, Map<String, String> env, java.io.PrintWriter out, String prefix)
      throws LabException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      try (java.io.BufferedReader lines = new java.io.BufferedReader(
          new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          out.println(prefix + line);
          out.flush();
        }
      }
      int code = process.waitFor();
      if (code != 0) {
        throw new LabException(String.join(" ", command) + " exited " + code + " (its output is above)");
      }
    } catch (IOException e) {
      throw new LabException("cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while running " + command.get(0));
    }
  }

  static String run(List<String> command) throws LabException {
    return run(command, null, Map.of(), 120);
  }

  /**
   * Starts a command in its own session ({@code setsid}, no fork: the PID is the program's),
   * with stdin from /dev/null and output to {@code log}, and records its PID. It outlives this JVM.
   */
  static long spawnDetached(List<String> command, Path log, Path pidFile) throws LabException {
    List<String> argv = new java.util.ArrayList<>(List.of("setsid"));
    argv.addAll(command);
    try {
      Process process = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      Files.writeString(pidFile, process.pid() + "\n");
      return process.pid();
    } catch (IOException e) {
      throw new LabException("cannot start " + command.get(0) + ": " + e.getMessage());
    }
  }

  /** The PID in {@code pidFile} when that process is alive and its command line contains {@code marker}. */
  static OptionalLong running(Path pidFile, String marker) {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return OptionalLong.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      return commandLine(pid).contains(marker) ? OptionalLong.of(pid) : OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  static String commandLine(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGTERM, up to 10 s of grace, then SIGKILL. True when the process was running. */
  static boolean stop(Path pidFile, String marker) {
    OptionalLong pid = running(pidFile, marker);
    if (pid.isEmpty()) {
      return false;
    }
    ProcessHandle.of(pid.getAsLong()).ifPresent(handle -> {
      handle.destroy();
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception timedOut) {
        handle.destroyForcibly();
      }
    });
    return true;
  }

  /** True when something accepts TCP connections on address:port. */
  static boolean answers(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code preferred} when it is free on 127.0.0.1, else a free port the kernel picks. */
  static int freePort(int preferred) throws LabException {
    if (preferred > 0 && !answers("127.0.0.1", preferred)) {
      return preferred;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LabException("no free port on 127.0.0.1: " + e.getMessage());
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String tail(String text, int lines) {
    String[] all = text.split("\n");
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
  }
}
