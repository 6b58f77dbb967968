package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply mode plans a first run against a fact's likely value and runs the change behind the fact's
 * test, in one round trip; a host that differs costs what it did before (one read, then the change),
 * and the result is the one a separate read would have given. Real {@code sh} commands, real files.
 */
class LikelyFactsTest {

  @TempDir
  Path dir;

  private Path file;
  private Inventory inventory;

  private Playbook put(String content) throws Exception {
    file = dir.resolve("h1/conf.txt");
    Files.createDirectories(file.getParent());
    inventory = Fixtures.inventory(List.of("h1"), Map.of(), Map.of("h1", Map.of("root", dir.resolve("h1").toString())));
    return playbook(play("p", "all", List.of(), task("put", "put_file",
        Map.of("path", "{{ root }}/conf.txt", "content", content)).b()));
  }

  @Test
  void anAbsentFileIsReadAndWrittenInOneRoundTripWithTheSameResultAndDiff() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(put("new\n"), inventory, Mode.APPLY);

    assertThat(h.connections.commands).singleElement().satisfies(c -> assertThat(c).startsWith("h1: if ! [ -e "));
    assertThat(Files.readString(file)).isEqualTo("new\n");
    assertThat(h.sink.result("put", "h1")).satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.CHANGED);
      assertThat(r.message()).isEqualTo("write " + file);
      assertThat(r.diffs()).singleElement().satisfies(d -> {
        assertThat(d.before()).isEmpty();
        assertThat(d.after()).isEqualTo("new\n");
      });
    });
  }

  @Test
  void aCompliantFileCostsOneRoundTripAndIsNotTouched() throws Exception {
    Playbook pb = put("same\n");
    Files.writeString(file, "same\n");
    long before = Files.getLastModifiedTime(file).toMillis();
    Harness h = new Harness(EngineTestModules.registry());

    h.run(pb, inventory, Mode.APPLY);

    assertThat(h.connections.commands).hasSize(1);
    assertThat(h.sink.result("put", "h1").status()).isEqualTo(Status.OK);
    assertThat(h.sink.result("put", "h1").message()).endsWith("already has this content");
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(before);
  }

  @Test
  void aFileThatDiffersIsReadByTheMissAndThenWrittenWithTheRealDiff() throws Exception {
    Playbook pb = put("new\n");
    Files.writeString(file, "old\n");
    Harness h = new Harness(EngineTestModules.registry());

    h.run(pb, inventory, Mode.APPLY);

    assertThat(h.connections.commands).hasSize(2);
    assertThat(h.connections.commands.get(1)).startsWith("h1: cat > ");
    assertThat(Files.readString(file)).isEqualTo("new\n");
    assertThat(h.sink.result("put", "h1").status()).isEqualTo(Status.CHANGED);
    assertThat(h.sink.result("put", "h1").diffs()).singleElement()
        .satisfies(d -> assertThat(d.before()).isEqualTo("old\n"));
  }

  @Test
  void planModeNeverGuesses() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    h.run(put("new\n"), inventory, Mode.PLAN);

    assertThat(h.connections.commands).singleElement().satisfies(c -> assertThat(c).startsWith("h1: cat "));
    assertThat(file).doesNotExist();
    assertThat(h.sink.result("put", "h1").status()).isEqualTo(Status.CHANGED);
  }
}
