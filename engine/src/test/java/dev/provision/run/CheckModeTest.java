package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Recap;
import dev.provision.event.Status;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check_mode} on a task or a block: true never changes a host, false runs in a plan too. */
class CheckModeTest {

  @TempDir
  Path dir;

  private Playbook load(String yaml) throws Exception {
    Path file = dir.resolve("site.yml");
    Files.writeString(file, yaml.formatted(dir, dir, dir));
    return new PlaybookLoader(EngineTestModules.registry()).load(file);
  }

  @Test
  void checkModeTrueNeverChangesTheHostInAnApplyAndWhatItRegistersIsKnown() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - {name: checked, put_file: {path: "%s/task", content: x}, check_mode: true, register: r}
            - block:
                - {name: checked by its block, put_file: {path: "%s/block", content: x}}
              check_mode: true
            - {name: reads it, echo: {value: "{{ r.changed }}"}}
            - {name: real, put_file: {path: "%s/real", content: x}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    Recap recap = h.run(book, Fixtures.inventory(List.of("h1"), Map.of(), Map.of()), Mode.APPLY);

    assertThat(dir.resolve("task")).as("check_mode: true must never change a host").doesNotExist();
    assertThat(dir.resolve("block")).doesNotExist();
    assertThat(h.sink.status("checked", "h1")).isEqualTo(Status.CHANGED);
    assertThat(h.sink.result("checked", "h1").message()).startsWith("would ");
    assertThat(h.sink.status("reads it", "h1")).isEqualTo(Status.OK);
    assertThat(h.sink.result("reads it", "h1").message()).isEqualTo("true");
    assertThat(dir.resolve("real")).exists();
    assertThat(recap.exitCode(Mode.APPLY)).isZero();
  }

  @Test
  void checkModeFalseRunsInAPlan() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          tasks:
            - {name: for real, put_file: {path: "%s/real", content: x}, check_mode: false}
            - {name: planned, put_file: {path: "%s/planned", content: x}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, Fixtures.inventory(List.of("h1"), Map.of(), Map.of()), Mode.PLAN);

    assertThat(dir.resolve("real")).exists();
    assertThat(dir.resolve("planned")).doesNotExist();
  }
}
