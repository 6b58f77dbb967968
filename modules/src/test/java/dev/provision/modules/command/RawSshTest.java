package dev.provision.modules.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.ssh.LabHost;
import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code raw} over a real ssh connection (SshLab on 127.0.53.41): the line runs as the host's shell
 * reads it (pipes, variables), {@code executable} picks the shell, a non-zero exit fails with the
 * output registered, the plan runs nothing, and shell text in {@code executable} is one word.
 */
class RawSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.53.41");
  private static LabHost host;
  private static Connection ssh;

  @BeforeAll
  static void startLab() throws Exception {
    host = LAB.host();
    ssh = LAB.connection();
  }

  private static ModuleRun raw() {
    return new ModuleRun(new RawModule(), ssh, Map.of()).on(host.name());
  }

  @Test
  void theLineRunsAsTheShellReadsItAndThePlanRunsNothing() throws Exception {
    Path marker = host.root().resolve("raw-marker");
    Map<String, Object> task = Map.of("cmd", "x=hello; echo \"$x\" | tr a-z A-Z; echo err >&2; touch " + marker);
    assertThat(raw().plan(task).changed()).isTrue();
    assertThat(marker).doesNotExist();
    ModuleRun.Outcome applied = raw().apply(task);
    assertThat(applied.changed()).isTrue();
    assertThat(applied.data()).containsEntry("stdout", "HELLO").containsEntry("stderr", "err")
        .containsEntry("stdout_lines", List.of("HELLO")).containsEntry("rc", 0L);
    assertThat(marker).exists();
  }

  @Test
  void executablePicksTheShell() throws Exception {
    ModuleRun.Outcome applied = raw().apply(Map.of("cmd", "echo ${BASH_VERSION:+bash}; [[ a == a ]] && echo ok",
        "executable", "/bin/bash"));
    assertThat(applied.data()).containsEntry("stdout", "bash\nok");
  }

  @Test
  void aNonZeroExitFailsWithTheOutputRegistered() {
    assertThatThrownBy(() -> raw().apply(Map.of("cmd", "echo out; exit 3")))
        .isInstanceOf(ModuleException.class)
        .hasMessageContaining("failed with return code 3")
        .satisfies(e -> assertThat(((ModuleException) e).data()).containsEntry("stdout", "out").containsEntry("rc", 3L));
  }

  @Test
  void shellTextInExecutableIsOneWord() {
    assertThatThrownBy(() -> raw().apply(Map.of("cmd", "true", "executable", "/bin/sh; touch PWNED")))
        .isInstanceOf(ModuleException.class);
    assertThat(host.home().resolve("PWNED")).doesNotExist();
    assertThat(Files.exists(Path.of("PWNED"))).isFalse();
  }
}
