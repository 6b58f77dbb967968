package dev.provision.cli.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI as a child JVM ({@code java -cp <test classpath> dev.provision.cli.Main}), for what an
 * in-process run cannot give: environment variables, a JVM property (a hosts file, so a name that
 * does not resolve never reaches DNS), and a pseudo-terminal (Java has none: python3's pty module,
 * {@code pty/run_in_pty.py}, makes one of the size asked and copies what the CLI writes to it).
 */
public final class ChildCli {

  public record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private final Path workDir;
  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> env = new java.util.HashMap<>();
  private String ptyCommandPrefix;
  private int columns;
  private int rows;

  private ChildCli(Path workDir) {
    this.workDir = workDir;
  }

  public static ChildCli in(Path workDir) {
    return new ChildCli(workDir);
  }

  public ChildCli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Name resolution from this file only (e.g. an empty one): no query ever leaves the machine. */
  public ChildCli hostsFile(Path file) {
    jvmArgs.add("-Djdk.net.hosts.file=" + file);
    return this;
  }

  /**
   * In a pseudo-terminal of {@code columns} x {@code rows}; {@code shellPrefix} (e.g. {@code stty
   * cols 60}) runs in it first, through {@code sh -c}.
   */
  public ChildCli inTerminal(int columns, int rows, String shellPrefix) {
    this.columns = columns;
    this.rows = rows;
    this.ptyCommandPrefix = shellPrefix;
    return this;
  }

  public Result run(String... args) throws IOException, InterruptedException {
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    java.addAll(jvmArgs);
    java.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.provision.cli.Main"));
    java.addAll(List.of(args));
    List<String> command = new ArrayList<>();
    if (ptyCommandPrefix != null) {
      Path python = Path.of("/usr/bin/python3");
      if (!Files.isExecutable(python)) {
        Missing.part("/usr/bin/python3 (for a pseudo-terminal)");
      }
      command.addAll(List.of(python.toString(), script().toString(), Integer.toString(columns), Integer.toString(rows),
          "/bin/sh", "-c", ptyCommandPrefix + "; exec \"$@\"", "sh"));
    }
    command.addAll(java);
    Path out = Files.createTempFile(workDir, "cli-", ".out");
    Path err = Files.createTempFile(workDir, "cli-", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().remove("PROVISION_SUDO_PASSWORD");
    builder.environment().remove("NO_COLOR");
    builder.environment().putAll(env);
    Process p = builder.start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the CLI did not finish in 120 s:\n" + Files.readString(out));
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Path script() {
    try {
      return Path.of(ChildCli.class.getResource("/pty/run_in_pty.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
