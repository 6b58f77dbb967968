package dev.provision.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.it.support.LabLogins;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLabFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the whole CLI against a real sshd host: every case exits 1, names the
 * problem's {@code file:line:column} with the line, a caret and a hint, prints no task event, and
 * touches no host (no SSH login in the sshd log, no file on the host).
 */
class BadInputTest {

  @RegisterExtension
  static final SshLabFixture LAB = SshLabFixture.of(2, "127.0.6.1");

  @TempDir static Path work;

  static Stream<BadInputCase> cases() throws IOException {
    return BadInputCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputExitsOneWithTheLocationAndNothingRuns(BadInputCase c) throws IOException {
    Path dir = work.resolve(c.name());
    c.writeFiles(dir);
    long loginsBefore = LabLogins.count(LAB.lab());

    Cli run = Cli.run(c.argsIn(dir, LAB.inventory()));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).as("no task events: %s", run).isBlank();
    List<String> reported = BadInputCase.locationsIn(run.stderr(), f -> Path.of(f).getFileName().toString());
    assertThat(reported).as(run.toString()).containsExactlyElementsOf(c.locations());
    for (String fragment : c.fragments()) {
      assertThat(run.stderr()).as(run.toString()).contains(fragment);
    }
    if (c.caret()) {
      assertThat(run.stderr()).as("source line and caret: %s", run).containsPattern("(?m)^\\s+\\d+ \\| .*\\n\\s+\\| *\\^");
    }
    if (c.hint()) {
      assertThat(run.stderr()).as(run.toString()).containsPattern("(?m)^\\s+hint: \\S");
    }
    assertThat(run.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(LabLogins.count(LAB.lab())).as("ssh logins").isEqualTo(loginsBefore);
    for (LabHost host : LAB.lab().hosts()) {
      try (Stream<Path> files = Files.list(host.root())) {
        assertThat(files).as("files on %s", host).isEmpty();
      }
    }
  }

  @Test
  void theCorpusHasAtLeastThirtyCasesAndCoversEveryEngineCase() throws IOException {
    assertThat(BadInputCases.all().count()).isGreaterThanOrEqualTo(30);
    try (Stream<Path> files = Files.list(BadInputCases.corpusDir())) {
      assertThat(BadInputCases.corpus()).hasSize((int) files.filter(p -> p.toString().endsWith(".yaml")).count());
    }
  }

  @Test
  void theSameLabAcceptsAGoodPlaybookSoTheChecksAboveCanFail() throws IOException {
    Path dir = work.resolve("good");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("site.yaml"), "- hosts: all\n  tasks:\n    - command: touch {{ lab_root }}/ran\n");
    long loginsBefore = LabLogins.count(LAB.lab());

    Cli run = Cli.run(dir.resolve("site.yaml").toString(), "-i", LAB.inventory().toString(), "--output", "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(LabLogins.count(LAB.lab())).isGreaterThan(loginsBefore);
    for (LabHost host : LAB.lab().hosts()) {
      assertThat(host.root().resolve("ran")).exists();
      Files.delete(host.root().resolve("ran"));
    }
  }
}
