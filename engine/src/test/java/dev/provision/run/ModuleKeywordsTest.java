package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.diag.DiagnosticsException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collections} (short module names found in the listed collections first) and
 * {@code module_defaults} (by module name, any of its names, or {@code group/k8s}, the module's own
 * over its group's; an inner level's entry for a module replaces the outer's, as Ansible updates
 * one dict with the next; the task's own arguments over all).
 */
class ModuleKeywordsTest {

  @TempDir
  Path dir;

  /** A module of a collection: {@code value} and {@code msg}, as the test's {@code echo}. */
  private record Named(String name) implements Module {
    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.any("value")).param(Param.string("msg")).build();
    }

    public Plan plan(Params params, HostContext host) {
      return Plan.noop(params.stringOr("msg", "-") + "/" + params.raw("value"), Map.of());
    }
  }

  private Playbook load(String yaml) throws Exception {
    Path file = dir.resolve("site.yml");
    Files.createDirectories(dir.resolve("roles/r/tasks"));
    Files.createDirectories(dir.resolve("roles/r/meta"));
    Files.writeString(dir.resolve("roles/r/tasks/main.yml"), "- {name: in role, echo: {value: r}}\n");
    Files.writeString(dir.resolve("roles/r/meta/main.yml"), "collections: [acme.tools]\n");
    Files.writeString(file, yaml);
    return new PlaybookLoader(EngineTestModules.registry(new Named("acme.tools.echo"),
        new Named("kubernetes.core.k8s_echo"))).load(file);
  }

  private static Task task(Playbook book, String name) {
    return book.plays().get(0).tasks().stream().filter(t -> name.equals(t.name())).findFirst().orElseThrow();
  }

  @Test
  void shortNamesAreFoundInTheListedCollectionsFirstAndDefaultsGoUnderTheTasksArguments() throws Exception {
    Playbook book = load("""
        - hosts: all
          gather_facts: false
          collections: [kubernetes.core]
          module_defaults:
            acme.tools.echo: {msg: play}
            echo: {msg: builtin}  # never looked up in collections: the test's own echo
            group/k8s: {msg: group, value: g}
            kubernetes.core.k8s_echo: {msg: own entry}
          roles: [r]
          tasks:
            - {name: builtin, echo: {value: 1}}
            - name: listed
              echo: {value: 2}
              collections: [acme.tools]
            - {name: grouped, k8s_echo: {}}
            - block:
                - {name: in block, echo: {value: 4}}
                - {name: bare, echo: {}}
                - {name: own wins, echo: {value: 5, msg: own}, module_defaults: {echo: {value: 9}}}
              collections: [acme.tools]
              module_defaults:
                acme.tools.echo: {value: block}
        """);
    assertThat(task(book, "builtin").module()).isEqualTo("echo");
    assertThat(task(book, "builtin").args()).isEqualTo(Map.of("msg", "builtin", "value", 1L));
    assertThat(task(book, "listed").module()).isEqualTo("acme.tools.echo");
    assertThat(task(book, "listed").args()).isEqualTo(Map.of("msg", "play", "value", 2L));
    assertThat(task(book, "in role").module()).as("the role's meta/main lists acme.tools").isEqualTo("acme.tools.echo");
    assertThat(task(book, "in role").args()).isEqualTo(Map.of("msg", "play", "value", "r"));
    assertThat(task(book, "grouped").module()).as("found in the play's kubernetes.core")
        .isEqualTo("kubernetes.core.k8s_echo");
    assertThat(task(book, "grouped").args()).as("the module's own entry over its group's, whatever their order")
        .isEqualTo(Map.of("msg", "own entry", "value", "g"));
    assertThat(task(book, "in block").args()).isEqualTo(Map.of("value", 4L));
    assertThat(task(book, "bare").args()).as("the block's entry replaces the play's, `msg` and all")
        .isEqualTo(Map.of("value", "block"));
    assertThat(task(book, "own wins").args()).isEqualTo(Map.of("msg", "own", "value", 5L));
  }

  @Test
  void aModuleTheCollectionsLackAnUnknownGroupAndBadShapesAreErrorsWithTheirPlace() throws Exception {
    DiagnosticsException e = catchThrowableOfType(() -> load("""
        - hosts: all
          collections: [acme.tools, bad]
          module_defaults:
            group/aws: {region: x}
            echo: [1]
          tasks:
            - {name: a, nope: {value: 1}}
        """), DiagnosticsException.class);
    assertThat(e.diagnostics().asList()).extracting(d -> d.span().line() + ":" + d.span().column() + " " + d.summary())
        .containsExactly(
            "2:29 each item of `collections` must be a collection name such as `kubernetes.core`, not `bad`",
            "4:5 the module defaults group `group/aws` is not supported yet",
            "5:11 the defaults of `echo` must be a mapping of parameters, not a list",
            "7:17 `nope` is not supported yet: Provision has no such module in acme.tools");
  }
}
