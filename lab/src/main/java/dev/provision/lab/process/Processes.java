package dev.provision.lab.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Process helpers for the lab and its fixtures. A process is only ever stopped by a PID the lab recorded, and only
 * while that PID still runs the program the lab started (a reused PID is left alone).
 */
public final class Processes {

  private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private Processes() {}

  /** Runs a command to completion (two minutes at most) and returns its output (stdout and stderr). */
  public static String run(List<String> command) throws LabException {
    return run(command, null, Map.of(), null, 120);
  }

  /** The same, with {@code stdin} written to the command. */
  public static String run(List<String> command, String stdin) throws LabException {
    return run(command, null, Map.of(), stdin, 120);
  }

  /**
   * Runs a command in {@code dir} (null: this one) with {@code env} added; its output is returned, and its last
   * lines are in the error when it fails or outlasts {@code timeoutSeconds}.
   */
  public static String run(List<String> command, Path dir, Map<String, String> env, String stdin,
      long timeoutSeconds) throws LabException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    builder.environment().putAll(env);
    if (stdin == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    return guarded(command, () -> {
      Process process = builder.start();
      if (stdin != null) {
        try (var in = process.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
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
    });
  }

  /** Runs a command, copying each output line to {@code out} with a prefix as it comes (long builds). */
  public static void runStreaming(List<String> command, PrintWriter out, String prefix) throws LabException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    guarded(command, () -> {
      Process process = builder.start();
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          out.println(prefix + line);
          out.flush();
        }
      }
      int code = process.waitFor();
      if (code != 0) {
        throw new LabException(String.join(" ", command) + " exited " + code + " (its output is above)");
      }
      return null;
    });
  }

  /** What runs a command: it may fail to start, be interrupted, or fail with a LabException of its own. */
  private interface Run<T> {
    T run() throws IOException, InterruptedException;
  }

  /** Runs {@code body}, each failure one LabException naming the program. */
  private static <T> T guarded(List<String> command, Run<T> body) throws LabException {
    try {
      return body.run();
    } catch (LabException e) {
      throw e;
    } catch (IOException e) {
      throw new LabException("cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while running " + command.get(0));
    }
  }

  /**
   * Starts a command in its own session ({@code setsid}, no fork: the PID is the program's), with stdin from
   * /dev/null and output to {@code log}, and records its PID. It outlives this JVM.
   */
  public static long spawnDetached(List<String> command, Path log, Path pidFile) throws LabException {
    List<String> argv = new ArrayList<>(List.of("setsid"));
    argv.addAll(command);
    try {
      Process process = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
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
  public static OptionalLong running(Path pidFile, String marker) {
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

  /** The command line of a process, words joined by spaces; empty when it is gone. */
  public static String commandLine(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGTERM, up to 10 s of grace, then SIGKILL. True when the process was running. */
  public static boolean stop(Path pidFile, String marker) {
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

  /** Sends a signal by name (STOP, CONT, KILL) to a process. */
  public static void signal(long pid, String signal) throws LabException {
    run(List.of("kill", "-" + signal, Long.toString(pid)));
  }

  /** True when something accepts TCP connections on address:port. */
  public static boolean answers(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code preferred} when it is free on 127.0.0.1, else a free port the kernel picks. */
  public static int freePort(int preferred) throws LabException {
    if (preferred > 0 && !answers("127.0.0.1", preferred)) {
      return preferred;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LabException("no free port on 127.0.0.1: " + e.getMessage());
    }
  }

  /** An absolute path when executable, else the first match on PATH or in the sbin folders; null when absent. */
  public static Path find(String program) {
    if (program.startsWith("/")) {
      Path p = Path.of(program);
      return Files.isExecutable(p) ? p : null;
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : (path + ":" + SYSTEM_PATH).split(":")) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, program);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** Whether this process runs as root (uid 0, from /proc: a user name can lie). */
  public static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Long.parseLong(line.substring(4).trim().split("\\s+")[0]) == 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux or no /proc: not root as far as the lab can tell.
    }
    return false;
  }

  /** The PATH of a lab host's session: the given folders first, then the system's. */
  public static String systemPathAfter(Path first) {
    return first + ":" + SYSTEM_PATH;
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String tail(String text, int lines) {
    List<String> all = Arrays.asList(text.split("\n"));
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
