package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.playbook.Playbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HostContext#render}: a module renders template text it read itself, as task arguments are rendered. */
class RenderTest {

  @TempDir
  Path dir;

  /** {@code render_file: {path}}: reads a control-node file and registers its rendered text. */
  static final class RenderFile implements Module {
    @Override
    public String name() {
      return "render_file";
    }

    @Override
    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("path").required()).build();
    }

    @Override
    public Plan plan(Params params, HostContext host) throws ModuleException {
      try {
        return Plan.noop("rendered", Map.of("text", host.render(Files.readString(Path.of(params.string("path"))))));
      } catch (IOException e) {
        throw new ModuleException(e.getMessage(), e);
      }
    }
  }

  private Playbook book(Path template) {
    return playbook(play("render", "all", List.of(),
        task("write", "put_file", Map.of("path", dir.resolve("{{ inventory_hostname }}.txt").toString(), "content", "x"))
            .register("w").b(),
        task("render", "render_file", Map.of("path", template.toString())).register("r").b(),
        task("show", "echo", Map.of("value", "{{ r.text }}")).b()));
  }

  @Test
  void aModuleRendersTextWithTheTasksVariables() throws Exception {
    Path template = Files.writeString(dir.resolve("t.j2"), "hello {{ who }} from {{ inventory_hostname }}");
    Inventory inventory = Fixtures.inventory(List.of("h1"), Map.of(), Map.of("h1", Map.of("who", "world")));
    Harness h = new Harness(EngineTestModules.registry(new RenderFile()));
    h.run(book(template), inventory, dev.provision.module.Mode.APPLY);
    assertThat(h.sink.result("show", "h1").data().get("value")).isEqualTo("hello world from h1");
  }

  @Test
  void inAPlanTextThatReadsAValueKnownOnlyAfterApplyIsDeferred() throws Exception {
    Path template = Files.writeString(dir.resolve("t.j2"), "changed: {{ w.changed }}");
    Harness h = new Harness(EngineTestModules.registry(new RenderFile()));
    h.run(book(template), Fixtures.hosts("h1"), dev.provision.module.Mode.PLAN);
    assertThat(h.sink.status("render", "h1")).isEqualTo(Status.DEFERRED);
    assertThat(h.sink.result("render", "h1").message()).contains("known after apply").contains("w");
  }
}
