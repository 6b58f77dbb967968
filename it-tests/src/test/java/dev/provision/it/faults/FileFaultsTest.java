package dev.provision.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.lab.disk.SmallDisk;
import dev.provision.lab.ssh.LabUsers;
import dev.provision.lab.ssh.SshLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Permission denied (a non-root login without become) and a full disk (a 64 KiB tmpfs) through the
 * CLI: each fails the task with a message naming the host and the path, keeps the old file, leaves
 * no temporary file, and a rerun converges once the cause is fixed.
 */
class FileFaultsTest {

  private static final String USER = "provlab";

  private static SshLab lab;
  private static Path inventory;
  @TempDir static Path work;

  @BeforeAll
  static void startHost() throws IOException {
    LabUsers.ensure(USER, null, LabUsers.Sudo.NOPASSWD);
    lab = SshLab.builder().hosts(1).baseAddress("127.0.8.11").user(USER).start();
    inventory = lab.writeInventory(work.resolve("hosts.yaml"));
  }

  @AfterAll
  static void stopHost() {
    if (lab != null) {
      lab.close();
    }
  }

  private static Cli provision(String playbook, String... more) throws IOException {
    Path file = Files.createTempFile(work, "site-", ".yaml");
    Files.writeString(file, playbook);
    List<String> args = new java.util.ArrayList<>(List.of(file.toString(), "-i", inventory.toString(), "--output", "json"));
    args.addAll(List.of(more));
    return Cli.run(args);
  }

  @Test
  void permissionDeniedNamesTheHostAndThePathAndBecomeFixesIt() throws IOException {
    Path etc = Files.createDirectories(lab.host(0).root().resolve("etc"));
    Files.writeString(etc.resolve("app.conf"), "old\n");
    String playbook = """
        - hosts: lab
          become: %s
          tasks:
            - name: config
              copy: {dest: "{{ lab_root }}/etc/app.conf", content: "new\\n"}
            - name: data directory
              file: {path: "{{ lab_root }}/etc/data", state: directory}
        """;

    Cli run = provision(playbook.formatted("false"));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    String message = String.valueOf(run.result("host1", "config").get("message"));
    assertThat(message).contains("host1").contains(etc.resolve("app.conf").toString()).contains("ermission denied");
    assertThat(run.result("host1", "data directory")).containsEntry("message", "upstream failed");
    assertThat(etc.resolve("app.conf")).hasContent("old");
    assertThat(hiddenFiles(etc)).isEmpty();

    Cli rerun = provision(playbook.formatted("true"));
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(etc.resolve("app.conf")).hasContent("new");
    assertThat(provision(playbook.formatted("true")).withStatus("changed")).isEmpty();
  }

  @Test
  void aFullDiskNamesTheHostAndThePathAndKeepsTheOldFile() throws IOException {
    Path small = Files.createDirectories(lab.host(0).root().resolve("small"));
    SmallDisk.mount(small, "64k");
    try {
      Files.writeString(small.resolve("data.bin"), "old\n");
      Path big = work.resolve("big.bin");
      Files.write(big, new byte[512 * 1024]);
      String playbook = """
          - hosts: lab
            become: true
            tasks:
              - name: data
                copy: {dest: "{{ lab_root }}/small/data.bin", src: "%s"}
          """.formatted(big);

      Cli run = provision(playbook);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      String message = String.valueOf(run.result("host1", "data").get("message"));
      assertThat(message).contains("host1").contains(small.resolve("data.bin").toString())
          .containsIgnoringCase("no space left");
      assertThat(small.resolve("data.bin")).hasContent("old");
      assertThat(hiddenFiles(small)).isEmpty();

      SmallDisk.resize(small, "2m");
      Cli rerun = provision(playbook);
      assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
      assertThat(Files.size(small.resolve("data.bin"))).isEqualTo(512 * 1024);
      assertThat(provision(playbook).withStatus("changed")).isEmpty();
    } finally {
      SmallDisk.unmount(small);
    }
  }

  private static List<Path> hiddenFiles(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().startsWith(".")).toList();
    }
  }
}
