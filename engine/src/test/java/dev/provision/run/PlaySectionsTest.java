package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A play's task sections: {@code pre_tasks}, {@code tasks}, {@code post_tasks}. */
class PlaySectionsTest {

  @TempDir
  Path dir;

  private Playbook load(String yaml) throws Exception {
    Path file = dir.resolve("site.yml");
    Files.writeString(file, yaml);
    return new PlaybookLoader(EngineTestModules.registry()).load(file);
  }

  private static List<String> ran(Harness h, String host) {
    return h.sink.finished().stream().filter(f -> f.host().equals(host) && f.result().status() != Status.SKIPPED)
        .map(f -> f.task() + "=" + f.result().status().name().toLowerCase()).toList();
  }

  private static dev.provision.inventory.Inventory hosts(String name) {
    return Fixtures.inventory(List.of(name), Map.of(), Map.of());
  }

  @Test
  void preTasksThenTasksThenPostTasksRunInThatOrder() throws Exception {
    Playbook book = load("""
        - hosts: h2
          gather_facts: false
          post_tasks:
            - {name: post, echo: {value: 3}}
          tasks:
            - {name: main, echo: {value: 2}}
          pre_tasks:
            - {name: pre, echo: {value: 1}}
        """);
    Harness h = new Harness(EngineTestModules.registry());
    h.run(book, hosts("h2"), Mode.APPLY);

    assertThat(ran(h, "h2")).containsExactly("pre=ok", "main=ok", "post=ok");
  }
}
