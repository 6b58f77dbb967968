package dev.provision.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Renders dot source with Graphviz's {@code dot}, found on the PATH, into SVG or PNG bytes. */
final class Graphviz {

  private static final long TIMEOUT_SECONDS = 120;

  private Graphviz() {}

  static byte[] render(String dotSource, String format) throws IOException, InterruptedException {
    Path dot = find();
    if (dot == null) {
      throw new CliErrors.UserError("--format " + format + " needs Graphviz's `dot`, which is not on the PATH"
          + " (Debian: apt-get install graphviz); --format dot prints the source, to draw elsewhere");
    }
    Process p = new ProcessBuilder(dot.toString(), "-T" + format).start();
    CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      in.write(dotSource.getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new CliErrors.UserError("`dot` did not finish within " + TIMEOUT_SECONDS + " s");
    }
    if (p.exitValue() != 0) {
      throw new CliErrors.UserError("`dot -T" + format + "` failed (exit " + p.exitValue() + "): "
          + new String(stderr.join(), StandardCharsets.UTF_8).strip());
    }
    return stdout.join();
  }

  private static Path find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "dot");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static byte[] readAll(java.io.InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
