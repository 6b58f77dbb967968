package dev.provision.modules.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.SshHostFixture;
import dev.provision.module.testing.ModuleRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code setup} over a real ssh connection (SshLab on 127.0.54.51): the gathered facts, and filter. */
class SetupSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.54.51");

  @Test
  @SuppressWarnings("unchecked")
  void gathersTheFactsAndFilterKeepsTheMatchingOnes() throws Exception {
    ModuleRun run = new ModuleRun(new SetupModule(), LAB.connection(), Map.of()).on(LAB.host().name());
    ModuleRun.Outcome all = run.apply(Map.of());
    assertThat(all.changed()).isFalse();
    Map<String, Object> facts = (Map<String, Object>) all.data().get("ansible_facts");
    assertThat(facts).containsKeys("ansible_distribution", "ansible_os_family", "ansible_hostname", "ansible_facts");
    assertThat(((Map<String, Object>) facts.get("ansible_facts")).get("os_family")).isEqualTo(facts.get("ansible_os_family"));
    ModuleRun.Outcome some = run.apply(Map.of("filter", List.of("ansible_os_*", "ansible_distribution")));
    assertThat(((Map<String, Object>) some.data().get("ansible_facts")).keySet())
        .containsExactlyInAnyOrder("ansible_os_family", "ansible_distribution");
  }
}
