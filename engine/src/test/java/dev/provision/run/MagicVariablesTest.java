package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.TaskResult;
import dev.provision.module.Mode;
import dev.provision.playbook.Task;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The magic variables that docs/playbooks.md promises, at run time, in both modes. */
class MagicVariablesTest {

  private static TaskResult echo(Mode mode, boolean diff, Set<String> tags, String value, String msg) throws Exception {
    Map<String, Object> args = new java.util.LinkedHashMap<>();
    args.put("value", value);
    if (msg != null) {
      args.put("msg", msg);
    }
    Task t = task("show", "echo", args).b().toBuilder().tags(List.of("a")).build();
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook(play("p", "all", List.of(), t)), Fixtures.hosts("h1", "h2"),
        new RunOptions(mode, 5, null, tags, Set.of("slow"), Map.of(), Set.of(), diff));
    return h.sink.result("show", "h1");
  }

  @Test
  void anArgumentWhoseValueIsOmitIsLeftOutInPlanAndApply() throws Exception {
    for (Mode mode : List.of(Mode.PLAN, Mode.APPLY)) {
      TaskResult r = echo(mode, false, Set.of(), "the value", "{{ no_message | default(omit) }}");

      assertThat(r.message()).as(mode.toString()).isEqualTo("the value");
    }
    assertThat(echo(Mode.APPLY, false, Set.of(), "{{ {'a': omit, 'b': 1} }}", null).data().get("value"))
        .as("a key of a nested mapping whose value is omit is dropped too, as Ansible's remove_omit does")
        .isEqualTo(Map.of("b", 1L));
  }

  @Test
  void modesTagsVersionAndPlayHosts() throws Exception {
    assertThat(echo(Mode.PLAN, true, Set.of(), "{{ [ansible_check_mode, ansible_diff_mode] }}", null).data().get("value"))
        .isEqualTo(List.of(true, true));
    assertThat(echo(Mode.APPLY, false, Set.of(), "{{ [ansible_check_mode, ansible_diff_mode] }}", null).data().get("value"))
        .isEqualTo(List.of(false, false));
    assertThat(echo(Mode.APPLY, false, Set.of(), "{{ [ansible_run_tags, ansible_skip_tags] }}", null).data().get("value"))
        .isEqualTo(List.of(List.of("all"), List.of("slow")));
    assertThat(echo(Mode.APPLY, false, Set.of("b", "a"), "{{ ansible_run_tags }}", null).data().get("value"))
        .isEqualTo(List.of("a", "b"));
    assertThat(echo(Mode.APPLY, false, Set.of(), "{{ ansible_version.full is version('2.9', '>=') }}", null)
        .data().get("value")).isEqualTo(true);
    assertThat(echo(Mode.APPLY, false, Set.of(),
        "{{ [ansible_play_batch, ansible_play_hosts, ansible_play_hosts_all, play_hosts] }}", null).data().get("value"))
        .isEqualTo(List.of(List.of("h1", "h2"), List.of("h1", "h2"), List.of("h1", "h2"), List.of("h1", "h2")));
  }

  @Test
  void ansibleFactsIsAnEmptyMappingWithoutFactGathering() throws Exception {
    assertThat(echo(Mode.APPLY, false, Set.of(), "{{ ansible_facts }}", null).data().get("value")).isEqualTo(Map.of());
  }

  /** Shows facts as {@code debug: var=ansible_facts} does: a result key, not a declaration. */
  static final class ShowsFacts implements dev.provision.module.Module {
    public String name() {
      return "show_facts";
    }

    public dev.provision.module.ParamSchema schema() {
      return dev.provision.module.ParamSchema.builder().build();
    }

    public dev.provision.module.Plan plan(dev.provision.module.Params params, dev.provision.module.HostContext host) {
      return dev.provision.module.Plan.noop("shown", Map.of("ansible_facts", Map.of("injected", "from a shown key")));
    }
  }

  @Test
  void onlyAModuleThatSaysItReturnsFactsSetsVariablesFromThem() throws Exception {
    // Ansible's bug #74060: `debug: var=ansible_facts` turned the printed keys into variables
    Harness h = new Harness(EngineTestModules.registry(new ShowsFacts()));
    h.run(playbook(play("p", "all", List.of(), task("show", "show_facts", Map.of()).b(),
        task("after", "echo", Map.of("value", "{{ injected | default('not set') }}")).b())),
        Fixtures.hosts("h1"), Mode.APPLY);

    assertThat(h.sink.result("after", "h1").data().get("value")).isEqualTo("not set");
  }
}
