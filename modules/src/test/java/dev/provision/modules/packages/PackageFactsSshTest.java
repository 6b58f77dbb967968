package dev.provision.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.SshHostFixture;
import dev.provision.module.testing.ModuleRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code package_facts} over a real ssh connection (127.0.73.1; the lab host is this Debian machine),
 * judged by what dpkg-query says here of openssh-server: plan and apply report the same, no change.
 */
class PackageFactsSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.73.1");

  @SuppressWarnings("unchecked")
  private Map<String, List<Map<String, Object>>> packages(boolean apply, Map<String, Object> args) throws Exception {
    ModuleRun run = new ModuleRun(new PackageFactsModule(), LAB.connection(), Map.of()).on(LAB.host().name());
    ModuleRun.Outcome outcome = apply ? run.apply(args) : run.plan(args);
    assertThat(outcome.changed()).isFalse();
    Map<String, Object> facts = (Map<String, Object>) outcome.data().get("ansible_facts");
    return (Map<String, List<Map<String, Object>>>) facts.get("packages");
  }

  @Test
  void aptPackagesAreDpkgsInstalledOnesAndPlanEqualsApply() throws Exception {
    Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}\t${Architecture}", "openssh-server").start();
    String[] dpkg = new String(p.getInputStream().readAllBytes()).split("\t");
    assertThat(p.waitFor()).isZero();

    Map<String, List<Map<String, Object>>> planned = packages(false, Map.of("manager", List.of("apt")));
    assertThat(packages(true, Map.of("manager", List.of("apt")))).isEqualTo(planned);
    assertThat(planned.get("openssh-server")).singleElement().satisfies(pkg -> assertThat(pkg)
        .containsEntry("name", "openssh-server").containsEntry("version", dpkg[0])
        .containsEntry("arch", dpkg[1]).containsEntry("category", "net").containsEntry("source", "apt"));
    assertThat(planned).containsKey("dpkg").hasSizeGreaterThan(50);
  }
}
