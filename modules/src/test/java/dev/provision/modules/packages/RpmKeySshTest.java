package dev.provision.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.testing.ModuleRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code rpm_key} with the real rpm over a real ssh connection (SshLab on 127.0.72.11): the lab
 * host's HOME has a {@code .rpmmacros} whose {@code %_dbpath} is a throwaway database, so the
 * machine's own rpm database is never touched. Judged by what rpm itself lists in that database.
 */
class RpmKeySshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.72.11");

  /** The test key's short id (gpg --with-colons: 82382A3B9E5FB93F). */
  private static final String SHORT_ID = "9e5fb93f";

  private ModuleRun.Outcome run(boolean apply, Map<String, Object> args) throws Exception {
    ModuleRun run = new ModuleRun(new RpmKeyModule(), LAB.connection(), Map.of()).on(LAB.host().name());
    return apply ? run.apply(args) : run.plan(args);
  }

  private static String keysIn(Path home) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("rpm", "-q", "gpg-pubkey", "--qf", "%{version}\\n").redirectErrorStream(false);
    pb.environment().put("HOME", home.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  @Test
  void importsOnceThenRemovesInAThrowawayDatabase() throws Exception {
    LabHost host = LAB.host();
    Path db = Files.createTempDirectory(host.root(), "rpmdb");
    Files.writeString(host.home().resolve(".rpmmacros"), "%_dbpath " + db + "\n");
    Path key = host.root().resolve("test-key.asc");
    try (var in = RpmKeySshTest.class.getResourceAsStream("/rpm_key/test-key.asc")) {
      Files.write(key, in.readAllBytes());
    }
    Map<String, Object> present = Map.of("key", key.toString(),
        "fingerprint", "C004 3405 06C1 787E 4D2F  6D0C 8238 2A3B 9E5F B93F");
    try {
      assertThat(keysIn(host.home())).doesNotContain(SHORT_ID);
      assertThat(run(false, present).changed()).as("plan").isTrue();
      assertThat(keysIn(host.home())).as("a plan imports nothing").doesNotContain(SHORT_ID);
      assertThat(run(true, present).changed()).as("apply").isTrue();
      assertThat(keysIn(host.home())).contains(SHORT_ID);
      assertThat(run(true, present).changed()).as("again").isFalse();

      Map<String, Object> absent = Map.of("key", "0x82382A3B9E5FB93F", "state", "absent");
      assertThat(run(false, absent).changed()).isTrue();
      assertThat(run(true, absent).changed()).isTrue();
      assertThat(keysIn(host.home())).doesNotContain(SHORT_ID);
      assertThat(run(true, absent).changed()).isFalse();
    } finally {
      Files.deleteIfExists(host.home().resolve(".rpmmacros"));
    }
  }
}
