package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code slurp} over a real ssh connection (SshLab on 127.0.53.51) with the host's real base64: any
 * bytes (random, 1 MiB) come back exactly, a missing file and a directory fail with Ansible's words,
 * and shell text in the path is one word. Never a change.
 */
class SlurpSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.53.51");
  private static LabHost host;
  private static Connection ssh;

  @BeforeAll
  static void startLab() throws Exception {
    host = LAB.host();
    ssh = LAB.connection();
  }

  private static ModuleRun slurp() {
    return new ModuleRun(new SlurpModule(), ssh, Map.of()).on(host.name());
  }

  @Test
  void anyBytesComeBackExactly() throws Exception {
    byte[] bytes = new byte[1 << 20];
    new Random(7).nextBytes(bytes);
    Path file = Files.write(Files.createTempDirectory(host.root(), "slurp").resolve("blob"), bytes);
    ModuleRun.Outcome read = slurp().apply(Map.of("src", file.toString()));
    assertThat(read.changed()).isFalse();
    assertThat(Base64.getDecoder().decode((String) read.data().get("content"))).isEqualTo(bytes);
    assertThat(read.data()).containsEntry("encoding", "base64").containsEntry("source", file.toString());
  }

  @Test
  void aMissingFileAndADirectoryFailWithAnsiblesWords() throws Exception {
    Path dir = Files.createTempDirectory(host.root(), "slurp");
    assertThatThrownBy(() -> slurp().plan(Map.of("src", dir.resolve("none").toString())))
        .hasMessageContaining("file not found: " + dir.resolve("none"));
    assertThatThrownBy(() -> slurp().plan(Map.of("src", dir.toString())))
        .hasMessageContaining("source is a directory and must be a file: " + dir);
  }

  @Test
  void shellTextInThePathIsOneWord() throws Exception {
    Path dir = Files.createTempDirectory(host.root(), "slurp");
    Path file = Files.writeString(dir.resolve("$(touch PWNED); `touch PWNED` x"), "secret\n");
    ModuleRun.Outcome read = slurp().apply(Map.of("src", file.toString()));
    assertThat(new String(Base64.getDecoder().decode((String) read.data().get("content")))).isEqualTo("secret\n");
    assertThat(dir.resolve("PWNED")).doesNotExist();
    assertThat(host.home().resolve("PWNED")).doesNotExist();
  }
}
