package dev.provision.it.plans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.it.support.LabLogins;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Saved plans over real SSH (docs/saved-plans.md): {@code --plan --out}, then {@code provision apply}
 * runs exactly what was planned; a host file edited after the plan refuses that node with the
 * reason; an edited playbook refuses the plan before any login; a plan applies once; and the saved
 * plan's actions are those an immediate apply runs.
 */
class SavedPlanTest {

  private static SshLab lab;
  private static Path inventory;
  @TempDir static Path work;
  private Path playbook;
  private Path plan;

  @BeforeAll
  static void startHosts() throws IOException {
    lab = SshLab.builder().hosts(2).baseAddress("127.0.54.1").start();
    inventory = lab.writeInventory(work.resolve("hosts.yaml"));
  }

  @AfterAll
  static void stopHosts() {
    if (lab != null) {
      lab.close();
    }
  }

  @BeforeEach
  void freshHostsAndPlaybook(@TempDir Path dir) throws IOException {
    resetHosts();
    playbook = dir.resolve("site.yaml");
    plan = dir.resolve("plan.provision");
    Files.writeString(playbook, """
        - name: app
          hosts: lab
          tasks:
            - name: config
              copy: {dest: "{{ lab_root }}/app/app.conf", content: "port=80\\n"}
              notify: reload
            - name: data directory
              file: {path: "{{ lab_root }}/app/data", state: directory, mode: "0750"}
            - name: marker
              copy: {dest: "{{ lab_root }}/app/data/marker", content: "ready\\n"}
            - name: tune
              lineinfile: {path: "{{ lab_root }}/app/app.conf", line: "workers=4"}
            - name: seed
              command: {cmd: "touch {{ lab_root }}/app/seeded", creates: "{{ lab_root }}/app/seeded"}
          handlers:
            - name: reload
              copy: {dest: "{{ lab_root }}/app/reloaded", content: "yes\\n"}
        """);
  }

  @Test
  void aHostFileEditedAfterThePlanRefusesThatNodeWithTheReasonAndNothingAfterItOnThatHost() throws IOException {
    Cli planned = Cli.run(playbook.toString(), "-i", inventory.toString(), "--plan", "--out", plan.toString());
    assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(2);
    LabHost edited = lab.host(0);
    Files.writeString(edited.root().resolve("app/app.conf"), "port=9\n");

    Cli applied = Cli.run("apply", plan.toString(), "--output", "json");

    assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(1);
    Map<String, Object> refused = applied.result(edited.name(), "config");
    assertThat(String.valueOf(refused.get("message")))
        .startsWith("stale: " + edited.root().resolve("app/app.conf") + " changed since the plan (sha256 ")
        .contains(" → ");
    assertThat(applied.result(edited.name(), "marker").get("message")).isEqualTo("upstream failed");
    assertThat(Files.readString(edited.root().resolve("app/app.conf"))).isEqualTo("port=9\n");
    assertThat(edited.root().resolve("app/data")).doesNotExist();
    assertThat(edited.root().resolve("app/seeded")).doesNotExist();
    // the default refuses the stale node and what depends on it: the other host applies its plan
    LabHost other = lab.host(1);
    assertThat(Files.readString(other.root().resolve("app/app.conf"))).isEqualTo("port=80\nworkers=4\n");
    assertThat(other.root().resolve("app/data/marker")).hasContent("ready");
  }

  @Test
  void withRefuseStaleAllOneStaleNodeRefusesThePlanAndNothingChangesAnywhere() throws IOException {
    Cli planned = Cli.run(playbook.toString(), "-i", inventory.toString(), "--plan", "--out", plan.toString());
    assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(2);
    Files.writeString(lab.host(1).root().resolve("app/app.conf"), "port=9\n");

    Cli applied = Cli.run("apply", plan.toString(), "--refuse-stale=all");

    assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(1);
    assertThat(applied.stderr()).contains("is stale, nothing was applied")
        .contains("config @ " + lab.host(1).name() + ": stale: " + lab.host(1).root().resolve("app/app.conf")
            + " changed since the plan (sha256 ");
    for (LabHost h : lab.hosts()) {
      try (Stream<Path> files = Files.list(h.root().resolve("app"))) {
        assertThat(files.map(p -> p.getFileName().toString())).as(h.name()).containsExactly("app.conf");
      }
    }
    assertThat(lab.host(0).root().resolve("app/app.conf")).hasContent("port=1");
    assertThat(Path.of(plan + ".applied")).as("a refused plan may be applied once the host is put back").doesNotExist();
  }

  @Test
  void aPlanAppliesOnceTheSecondApplyIsRefusedWithoutContactingAnyHost() throws IOException {
    Cli planned = Cli.run(playbook.toString(), "-i", inventory.toString(), "--plan", "--out", plan.toString());
    assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(2);

    Cli first = Cli.run("apply", plan.toString(), "--no-color");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    for (LabHost h : lab.hosts()) {
      assertThat(h.root().resolve("app/app.conf")).hasContent("port=80\nworkers=4");
      assertThat(h.root().resolve("app/reloaded")).hasContent("yes");
      assertThat(h.root().resolve("app/seeded")).exists();
    }
    long logins = LabLogins.count(lab);
    Cli again = Cli.run("apply", plan.toString());
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
    assertThat(again.stderr()).contains("was already applied").contains("make a new one");
    assertThat(LabLogins.count(lab)).as("ssh logins").isEqualTo(logins);
  }

  @Test
  void anEditedPlaybookRefusesThePlanBeforeAnyHostIsContacted() throws IOException {
    Cli planned = Cli.run(playbook.toString(), "-i", inventory.toString(), "--plan", "--out", plan.toString());
    assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(2);
    Files.writeString(playbook, Files.readString(playbook).replace("port=80", "port=81"));
    long logins = LabLogins.count(lab);

    Cli applied = Cli.run("apply", plan.toString());

    assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(1);
    assertThat(applied.stderr()).contains("is stale, nothing was applied: its inputs changed since the plan")
        .contains(playbook.toString() + " changed (");
    assertThat(LabLogins.count(lab)).as("ssh logins").isEqualTo(logins);
    assertThat(lab.host(0).root().resolve("app/app.conf")).hasContent("port=1");
  }

  @Test
  void theSavedPlansActionsAreThoseOfAnImmediateApplyAndItsApply() throws IOException {
    Cli planned = Cli.run(playbook.toString(), "-i", inventory.toString(), "--plan", "--out", plan.toString());
    assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(2);
    Map<String, List<String>> saved = savedActions(plan);

    Cli immediate = Cli.run(playbook.toString(), "-i", inventory.toString(), "--output", "json");
    assertThat(immediate.exitCode()).as(immediate.toString()).isZero();
    resetHosts();
    Cli fromPlan = Cli.run(playbook.toString(), "-i", inventory.toString(), "--plan", "--out", plan.toString());
    assertThat(fromPlan.exitCode()).isEqualTo(2);
    assertThat(savedActions(plan)).isEqualTo(saved);
    Cli applied = Cli.run("apply", plan.toString(), "--output", "json");
    assertThat(applied.exitCode()).as(applied.toString()).isZero();

    assertThat(saved.values().stream().mapToInt(List::size).sum()).as("the playbook changes things").isGreaterThan(8);
    List<String> later = listed(plan, "known_after_apply");
    // lineinfile edits app.conf after the copy that writes it: planned on the copy's planned content, so it is
    // no prediction, and its actions (sizes included) are the apply's
    List<String> predicted = listed(plan, "predicted");
    assertThat(predicted).doesNotContain("tune @ host1", "tune @ host2");
    assertThat(saved).containsKeys("tune @ host1", "tune @ host2");
    assertThat(sizesAside(actions(immediate, later), predicted)).isEqualTo(sizesAside(saved, predicted));
    assertThat(actions(applied, later)).isEqualTo(actions(immediate, later));
  }

  private static Map<String, List<String>> sizesAside(Map<String, List<String>> actions, List<String> predicted) {
    Map<String, List<String>> out = new LinkedHashMap<>(actions);
    predicted.forEach(k -> out.computeIfPresent(k, (key, v) -> v.stream().map(a -> a.replaceAll("[0-9]+", "#")).toList()));
    return out;
  }

  /**
   * "task @ host" of the nodes the plan file lists under {@code list}: known_after_apply (planned and
   * checked when applied) or predicted (planned on an earlier task's change).
   */
  @SuppressWarnings("unchecked")
  private static List<String> listed(Path plan, String list) throws IOException {
    Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
        .loadFromString(Files.readString(plan));
    List<Object> ids = (List<Object>) doc.get(list);
    List<String> out = new ArrayList<>();
    for (Object o : (List<Object>) doc.get("nodes")) {
      Map<String, Object> n = (Map<String, Object>) o;
      if (ids.contains(n.get("id"))) {
        out.add(n.get("task") + " @ " + n.get("host"));
      }
    }
    return out;
  }

  /** "task @ host" to the actions the plan file saved, for the nodes not known after apply. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> savedActions(Path plan) throws IOException {
    Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
        .loadFromString(Files.readString(plan));
    assertThat(doc.get("schema_version")).isEqualTo(1);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Object o : (List<Object>) doc.get("nodes")) {
      Map<String, Object> n = (Map<String, Object>) o;
      List<String> actions = (List<String>) n.get("actions");
      if (!actions.isEmpty()) {
        out.put(n.get("task") + " @ " + n.get("host"), actions);
      }
    }
    return sorted(out);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> actions(Cli run, List<String> knownAfterApply) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map<String, Object> e : run.events()) {
      if ("task_result".equals(e.get("type")) && e.get("actions") != null
          && !knownAfterApply.contains(e.get("task") + " @ " + e.get("host"))) {
        out.put(e.get("task") + " @ " + e.get("host"), new ArrayList<>((List<String>) e.get("actions")));
      }
    }
    return sorted(out);
  }

  private static Map<String, List<String>> sorted(Map<String, List<String>> in) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    in.keySet().stream().sorted().forEach(k -> out.put(k, in.get(k)));
    return out;
  }

  private static void resetHosts() throws IOException {
    for (LabHost h : lab.hosts()) {
      deleteTree(h.root().resolve("app"));
      Files.createDirectories(h.root().resolve("app"));
      Files.writeString(h.root().resolve("app/app.conf"), "port=1\n");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
