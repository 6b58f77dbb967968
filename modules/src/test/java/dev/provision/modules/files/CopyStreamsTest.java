package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.Command;
import dev.provision.module.Action;
import dev.provision.module.Plan;
import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.ShellConnection;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy} of a control-node file larger than {@link FileContentFact#LIMIT} streams it: its
 * checksum is read through and the upload is the file itself on stdin, so a file three times the
 * heap of a forked JVM ({@code -Xmx32m}) is copied, checked and found ok the second time.
 */
class CopyStreamsTest {

  private static final int HEAP_MIB = 32;

  @TempDir Path dir;

  @Test
  void aLargeSourceIsUploadedFromTheFileNotFromMemory() throws Exception {
    byte[] data = new byte[FileContentFact.LIMIT + 1];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    Path src = Files.write(dir.resolve("big.bin"), data);
    NewContent content = NewContent.of(src);
    assertThat(content.bytes()).as("not read into memory").isNull();
    assertThat(content.size()).isEqualTo(data.length);
    assertThat(content.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    assertThat(content.shown()).isEqualTo("(" + data.length + " bytes, too large to show)\n");

    List<Command> sent = new java.util.ArrayList<>();
    ShellConnection shell = new ShellConnection("local", dir, Map.of(), sent::add, null);
    Path dest = dir.resolve("dest.bin");
    ModuleRun copy = new ModuleRun(new CopyModule(), shell, Map.of("playbook_dir", dir.toString()));
    Plan planned = copy.plan(Map.of("src", "big.bin", "dest", dest.toString())).plan();
    List<Action> actions = planned.actions();
    assertThat(actions).hasSize(1);
    assertThat(actions.get(0).writes().get(0).contentKnown()).as("a later task cannot plan on it").isFalse();
    sent.clear();
    assertThat(copy.apply(Map.of("src", "big.bin", "dest", dest.toString())).changed()).isTrue();
    assertThat(sent).filteredOn(c -> c.stdinFile() != null).extracting(Command::stdinFile).containsExactly(src);
    assertThat(Files.readAllBytes(dest)).isEqualTo(data);

    Path small = Files.writeString(dir.resolve("small.txt"), "port=80\n");
    assertThat(NewContent.of(small).bytes()).as("small enough to show: in memory").isNotNull();
  }

  @Test
  void aFileThreeTimesTheHeapIsCopiedInAForkedJvm() throws Exception {
    Path src = dir.resolve("huge.bin");
    byte[] block = new byte[1024 * 1024];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i % 251);
    }
    try (OutputStream out = Files.newOutputStream(src)) {
      for (int i = 0; i < 3 * HEAP_MIB; i++) {
        block[0] = (byte) i; // no two MiB alike
        out.write(block);
      }
    }
    Path dest = dir.resolve("huge.copy");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + HEAP_MIB + "m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        dir.toString(), src.toString(), dest.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("first: changed", "second: ok");
    assertThat(Files.size(dest)).isEqualTo(Files.size(src));
    assertThat(Files.mismatch(src, dest)).isEqualTo(-1L);
  }

  /** The forked run: plan and apply the copy, then apply it again; prints what each did. */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      ModuleRun copy = new ModuleRun(new CopyModule(), new ShellConnection(Path.of(args[0])),
          Map.of("playbook_dir", args[0]));
      Map<String, Object> task = Map.of("src", args[1], "dest", args[2]);
      System.out.println("first: " + (copy.apply(task).changed() ? "changed" : "ok"));
      System.out.println("second: " + (copy.apply(task).changed() ? "changed" : "ok"));
    }
  }
}
