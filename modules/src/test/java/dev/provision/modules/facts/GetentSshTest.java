package dev.provision.modules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.SshHostFixture;
import dev.provision.module.testing.ModuleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code getent} over a real ssh connection (SshLab on 127.0.72.10; the lab shares our filesystem),
 * judged by what Java reads of /etc/passwd and /etc/group itself: a plan reads the same as an apply.
 */
class GetentSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.72.10");

  @SuppressWarnings("unchecked")
  private Map<String, Object> facts(boolean apply, Map<String, Object> args) throws Exception {
    ModuleRun run = new ModuleRun(new GetentModule(), LAB.connection(), Map.of()).on(LAB.host().name());
    ModuleRun.Outcome outcome = apply ? run.apply(args) : run.plan(args);
    assertThat(outcome.changed()).as("getent never changes anything").isFalse();
    return (Map<String, Object>) outcome.data().get("ansible_facts");
  }

  /** The fields after the name of {@code name}'s line in {@code file}, as Java reads them. */
  private static List<String> fields(String file, String name) throws Exception {
    String line = Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow();
    List<String> all = Arrays.asList(line.split(":", -1));
    return all.subList(1, all.size());
  }

  @Test
  void rootsPasswdEntryIsTheFilesAndPlanEqualsApply() throws Exception {
    Map<String, Object> args = Map.of("database", "passwd", "key", "root", "service", "files");
    Map<String, Object> planned = facts(false, args);
    assertThat(planned).isEqualTo(Map.of("getent_passwd", Map.of("root", fields("/etc/passwd", "root"))));
    assertThat(facts(true, args)).isEqualTo(planned);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theWholeGroupDatabaseHasEveryGroupOfTheFile() throws Exception {
    Map<String, Object> groups = (Map<String, Object>) facts(true, Map.of("database", "group", "service", "files"))
        .get("getent_group");
    for (String line : Files.readAllLines(Path.of("/etc/group"))) {
      String name = line.substring(0, line.indexOf(':'));
      assertThat(groups).containsEntry(name, fields("/etc/group", name));
    }
  }

  @Test
  void aMissingKeyFailsOrIsNull() throws Exception {
    Map<String, Object> args = Map.of("database", "passwd", "key", "no-such-user-72");
    assertThatThrownBy(() -> facts(false, args)).hasMessageContaining(GetentModule.MISSING_KEY);
    Map<String, Object> lenient = new java.util.HashMap<>(args);
    lenient.put("fail_key", false);
    Map<String, Object> nulls = new java.util.HashMap<>();
    nulls.put("no-such-user-72", null);
    assertThat(facts(true, lenient)).isEqualTo(Map.of("getent_passwd", nulls));
  }
}
