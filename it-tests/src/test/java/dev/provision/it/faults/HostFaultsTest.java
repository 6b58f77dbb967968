package dev.provision.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLabFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of real hosts during a run through the CLI: a host down from the start, sshd killed in
 * the middle of a task (with and without {@code retries}), a command past its {@code timeout}.
 * Each checks the recap, then that a rerun, once the fault is gone, converges.
 */
class HostFaultsTest {

  @RegisterExtension
  static final SshLabFixture LAB = SshLabFixture.of(3, "127.0.7.1");

  @TempDir static Path work;

  @BeforeEach
  @AfterEach
  void everyHostUpWithAnEmptyRoot() throws IOException {
    for (LabHost host : LAB.lab().hosts()) {
      if (host.pid() < 0) {
        host.restart();
      }
      try (var files = Files.walk(host.root())) {
        files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(host.root()))
            .forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Cli provision(String playbook, String... more) throws IOException {
    Path file = Files.createTempFile(work, "site-", ".yaml");
    Files.writeString(file, playbook);
    List<String> args = new java.util.ArrayList<>(List.of(file.toString(), "-i", LAB.inventory().toString(), "--output", "json"));
    args.addAll(List.of(more));
    return Cli.run(args);
  }

  private static final String LAYOUT = """
      - name: layout
        hosts: lab
        tasks:
          - name: first
            command: {cmd: "touch {{ lab_root }}/first", creates: "{{ lab_root }}/first"}
          - name: second
            command: {cmd: "touch {{ lab_root }}/second", creates: "{{ lab_root }}/second"}
      """;

  @Test
  void aHostDownFromTheStartIsUnreachableAndTheOthersGoOn() throws IOException {
    LabHost down = LAB.lab().host(1);
    down.kill();

    Cli run = provision(LAYOUT);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.recap(down.name())).containsEntry("unreachable", 1L).containsEntry("changed", 0L);
    assertThat(run.results(down.name())).first().asString().endsWith("=unreachable");
    assertThat(String.valueOf(run.result(down.name(), "Gathering Facts").get("message")))
        .contains(down.address());
    for (LabHost up : List.of(LAB.lab().host(0), LAB.lab().host(2))) {
      assertThat(run.recap(up.name())).containsEntry("changed", 2L).containsEntry("failed", 0L)
          .containsEntry("unreachable", 0L);
      assertThat(up.root().resolve("second")).exists();
    }
    assertThat(down.root().resolve("first")).doesNotExist();

    down.restart();
    Cli rerun = provision(LAYOUT);
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(rerun.recap(down.name())).containsEntry("changed", 2L);
    assertThat(rerun.recap(LAB.lab().host(0).name())).containsEntry("changed", 0L);
    assertThat(provision(LAYOUT).withStatus("changed")).isEmpty();
  }

  /** Three tasks; the long one runs 4s and writes `started-PID` first. {@code keywords}: more keys of it. */
  private static String killedMidTask(String... keywords) {
    StringBuilder extra = new StringBuilder();
    for (String k : keywords) {
      extra.append("      ").append(k).append('\n');
    }
    return "- name: build\n  hosts: lab\n  tasks:\n"
        + "    - name: before\n"
        + "      command: {cmd: \"touch {{ lab_root }}/before\", creates: \"{{ lab_root }}/before\"}\n"
        + "    - name: long\n"
        + "      shell:\n"
        + "        cmd: \"touch {{ lab_root }}/started-$$; sleep 4; touch {{ lab_root }}/built\"\n"
        + "        creates: \"{{ lab_root }}/built\"\n"
        + extra
        + "    - name: after\n"
        + "      command: {cmd: \"touch {{ lab_root }}/after\", creates: \"{{ lab_root }}/after\"}\n";
  }

  @Test
  void sshdKilledMidTaskFailsTheTaskWithAConnectionErrorAndSkipsWhatFollows() throws Exception {
    LabHost victim = LAB.lab().host(0);
    CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> unchecked(killedMidTask()));
    awaitFile(victim.root(), "started-", 20);
    victim.kill();
    Cli done = run.get(60, TimeUnit.SECONDS);

    assertThat(done.exitCode()).as(done.toString()).isEqualTo(1);
    Map<String, Object> long_ = done.result(victim.name(), "long");
    assertThat(long_).containsEntry("status", "failed");
    assertThat(String.valueOf(long_.get("message"))).startsWith("connection error");
    assertThat(done.result(victim.name(), "after")).containsEntry("status", "skipped")
        .containsEntry("message", "upstream failed");
    assertThat(done.recap(victim.name())).containsEntry("failed", 1L).containsEntry("skipped", 1L);
    for (LabHost other : List.of(LAB.lab().host(1), LAB.lab().host(2))) {
      assertThat(done.recap(other.name())).containsEntry("failed", 0L).containsEntry("changed", 3L);
    }

    victim.restart();
    Cli rerun = provision(killedMidTask());
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    // "long" may be ok: its shell outlives sshd (as on a real host) and may finish before the rerun
    assertThat(rerun.withStatus("changed")).contains("after @ " + victim.name())
        .allMatch(t -> t.endsWith("@ " + victim.name()));
    assertThat(provision(killedMidTask()).withStatus("changed")).isEmpty();
  }

  @Test
  void aTaskWithRetriesIsRetriedAfterTheConnectionBreaksAndSucceeds() throws Exception {
    LabHost victim = LAB.lab().host(2);
    String playbook = killedMidTask("retries: 3", "delay: 2s");
    CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> unchecked(playbook));
    awaitFile(victim.root(), "started-", 20);
    victim.kill();
    victim.restart();
    Cli done = run.get(60, TimeUnit.SECONDS);

    assertThat(done.exitCode()).as(done.toString()).isZero();
    List<Map<String, Object>> retrying = done.events().stream()
        .filter(e -> "task_retrying".equals(e.get("type")) && victim.name().equals(e.get("host"))).toList();
    assertThat(retrying).hasSize(1);
    assertThat(String.valueOf(retrying.get(0).get("reason"))).startsWith("connection error");
    assertThat(done.result(victim.name(), "long")).containsEntry("status", "changed");
    assertThat(done.result(victim.name(), "after")).containsEntry("status", "changed");
    assertThat(victim.root().resolve("built")).exists();
    assertThat(provision(playbook).withStatus("changed")).isEmpty();
  }

  @Test
  void aCommandPastItsTimeoutIsKilledAndTheTaskFailsWithThatReason() throws Exception {
    LabHost host = LAB.lab().host(0);
    Files.writeString(host.root().resolve("delay"), "30");
    String playbook = """
        - name: slow
          hosts: host1
          tasks:
            - name: slow step
              shell: "echo $$ > {{ lab_root }}/pid; exec sleep $(cat {{ lab_root }}/delay)"
              timeout: 2s
            - name: after
              command: {cmd: "touch {{ lab_root }}/after", creates: "{{ lab_root }}/after"}
        """;
    long t0 = System.nanoTime();
    Cli run = provision(playbook);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    Map<String, Object> slow = run.result(host.name(), "slow step");
    assertThat(slow).containsEntry("status", "failed");
    assertThat(String.valueOf(slow.get("message"))).containsPattern("timed out after 2 ?s");
    assertThat(run.result(host.name(), "after")).containsEntry("message", "upstream failed");
    assertThat(seconds).isLessThan(15);
    long pid = Long.parseLong(Files.readString(host.root().resolve("pid")).strip());
    assertThat(awaitGone(pid, 10)).as("remote process %d is gone", pid).isTrue();

    Files.writeString(host.root().resolve("delay"), "0");
    Cli rerun = provision(playbook);
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(rerun.recap(host.name())).containsEntry("failed", 0L);
    assertThat(host.root().resolve("after")).exists();
  }

  private static Cli unchecked(String playbook) {
    try {
      return provision(playbook);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void awaitFile(Path dir, String prefix, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try (var files = Files.list(dir)) {
        if (files.anyMatch(p -> p.getFileName().toString().startsWith(prefix))) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + prefix + "* in " + dir + " after " + seconds + "s");
  }

  private static boolean awaitGone(long pid, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
