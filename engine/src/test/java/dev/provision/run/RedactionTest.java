package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Event;
import dev.provision.event.Status;
import dev.provision.inventory.Inventory;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Plants secrets through every path and greps every emitted event for them. */
class RedactionTest {

  private static final List<String> PLANTED = List.of(
      "extra-var-S3CRET", "nolog-arg-S3CRET", "nolog-output-S3CRET", "param-token-S3CRET", "alice-session",
      "become-pw-S3CRET");

  private static Playbook playbook_() {
    return playbook(Fixtures.withVars(play("p", "all", List.of(),
        task("use extra", "echo", Map.of("value", "password is {{ db_password }}")).b(),
        task("hidden", "echo", Map.of("value", "{{ api_key }}", "msg", "state present")).noLog().register("h").b(),
        task("shows hidden", "echo", Map.of("value", "key={{ h.value }}")).b(),
        task("hidden fail", "fail", Map.of("msg", "{{ nolog_msg }}")).noLog().ignoreErrors().b(),
        task("login", "login", Map.of("user", "alice", "token", "param-token-S3CRET")).b(),
        task("show inventory", "echo", Map.of("value", "{{ ansible_become_password }}")).b(),
        task("plain", "echo", Map.of("value", "state present")).b()),
        Map.of("api_key", "nolog-arg-S3CRET", "nolog_msg", "failed with nolog-output-S3CRET")));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void plantedSecretsNeverAppearInAnyEvent(Mode mode) throws Exception {
    Inventory inv = Fixtures.inventory(List.of("h1"), Map.of(), Map.of("h1", Map.of("ansible_become_password", "become-pw-S3CRET")));
    Harness h = new Harness(EngineTestModules.registry());
    h.run(playbook_(), inv, Harness.options(mode, 5, Map.of("db_password", "extra-var-S3CRET"), Set.of("db_password")));
    String everything = h.sink.dump();
    for (String secret : PLANTED) {
      assertThat(everything).as("events mention %s", secret).doesNotContain(secret);
    }
    assertThat(h.sink.result("use extra", "h1").data().get("value")).isEqualTo("password is ********");
    assertThat(h.sink.result("hidden", "h1")).satisfies(r -> {
      assertThat(r.message()).isEqualTo("output hidden by no_log");
      assertThat(r.data()).containsOnlyKeys("censored");
    });
    assertThat(h.sink.result("shows hidden", "h1").data().get("value")).isEqualTo("key=********");
    assertThat(h.sink.result("hidden fail", "h1").message()).contains("output hidden by no_log");
    assertThat(h.sink.result("login", "h1").message())
        .isEqualTo((mode == Mode.PLAN ? "would " : "") + "log in as alice with token ********");
    assertThat(h.sink.result("login", "h1").status()).isEqualTo(Status.CHANGED);
    assertThat(h.sink.events).filteredOn(e -> e instanceof Event.TaskProgress).singleElement()
        .satisfies(e -> assertThat(((Event.TaskProgress) e).message()).isEqualTo("logging in with ********"));
    // literal words of a no_log task are not secrets
    assertThat(h.sink.result("plain", "h1").data().get("value")).isEqualTo("state present");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void variablesNamedInSecretVarsAreMaskedWhereverTheyAreDefined(Mode mode) throws Exception {
    Playbook pb = playbook(Fixtures.withSecretVars(Fixtures.withVars(play("p", "all", List.of(),
        task("inventory secret", "echo", Map.of("value", "token {{ api_token }}")).b(),
        task("play secret", "echo", Map.of("value", "pw {{ db_password }}")).b(),
        task("templated secret", "echo", Map.of("value", "url {{ db_url }}")).b(),
        task("not secret", "echo", Map.of("value", "user {{ db_user }}")).b()),
        Map.of("db_password", "play-var-S3CRET", "db_url", "postgres://app:{{ db_password }}-2@db",
            "db_user", "app-user")), Set.of("api_token", "db_password", "db_url")));
    Inventory inv = Fixtures.inventory(List.of("h1"), Map.of(), Map.of("h1", Map.of("api_token", "inventory-S3CRET")));
    Harness h = new Harness(EngineTestModules.registry());

    h.run(pb, inv, Harness.options(mode, 5, Map.of(), Set.of()));

    String everything = h.sink.dump();
    assertThat(everything).doesNotContain("inventory-S3CRET", "play-var-S3CRET", "app:play-var");
    assertThat(h.sink.result("inventory secret", "h1").data().get("value")).isEqualTo("token ********");
    assertThat(h.sink.result("play secret", "h1").data().get("value")).isEqualTo("pw ********");
    assertThat(h.sink.result("templated secret", "h1").data().get("value")).isEqualTo("url ********");
    assertThat(h.sink.result("not secret", "h1").data().get("value")).isEqualTo("user app-user");
  }
}
