package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plan --out}, {@code show} and {@code apply} through the command line, on this machine over
 * the local connection (the SSH cases are it-tests' SavedPlanTest): the round trip, the refusals that
 * need no host, and how {@code apply} and {@code show} are told from a playbook named like them.
 */
class SavedPlanCliTest {

  @TempDir Path dir;
  private Path inventory;
  private Path plan;

  @BeforeEach
  void files() throws IOException {
    inventory = Files.writeString(dir.resolve("local.ini"), "localhost ansible_connection=local\n");
    plan = dir.resolve("plan.provision");
    Files.writeString(dir.resolve("site.yaml"), """
        - hosts: localhost
          gather_facts: false
          tasks:
            - name: note
              copy: {dest: "%s/note", content: "hello\\n"}
        """.formatted(dir));
  }

  private Result planned() {
    Result r = MainTest.run(dir.resolve("site.yaml").toString(), "-i", inventory.toString(), "--plan", "--out",
        plan.toString(), "--no-color");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    return r;
  }

  @Test
  void aSavedPlanIsShownAsThePlanWasAppliedOnceAndThenRefused() throws IOException {
    Result plan = planned();
    assertThat(plan.err()).contains("plan saved to " + this.plan);

    Result shown = MainTest.run("show", this.plan.toString(), "--no-color");
    assertThat(shown.code()).as(shown.err()).isZero();
    assertThat(shown.out()).contains("note  would create " + dir.resolve("note")).contains("RECAP (plan");
    Result json = MainTest.run("show", this.plan.toString(), "--output", "json");
    assertThat(json.out()).contains("\"schema_version\": 1", "\"format\": \"provision-plan\"", "\"reads\"");
    assertThat(dir.resolve("note")).doesNotExist();

    Result applied = MainTest.run("apply", this.plan.toString(), "--no-color");
    assertThat(applied.code()).as(applied.out() + applied.err()).isZero();
    assertThat(dir.resolve("note")).hasContent("hello");
    Result again = MainTest.run("apply", this.plan.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("was already applied");
  }

  @Test
  void showShowsADiffTrueTasksDiffWithoutTheDiffOptionAsThePlanRunDid() throws IOException {
    Files.writeString(dir.resolve("site.yaml"), """
        - hosts: localhost
          gather_facts: false
          tasks:
            - {name: shown, copy: {dest: "%1$s/a", content: "shown-line\\n"}, diff: true}
            - {name: unset, copy: {dest: "%1$s/b", content: "unset-line\\n"}}
        """.formatted(dir));
    assertThat(planned().out()).contains("+shown-line").doesNotContain("+unset-line");
    Result shown = MainTest.run("show", plan.toString(), "--no-color");
    assertThat(shown.code()).as(shown.err()).isZero();
    assertThat(shown.out()).contains("+shown-line").doesNotContain("+unset-line");
    assertThat(MainTest.run("show", plan.toString(), "--output", "json").out()).contains("\"diff\": true");
    assertThat(MainTest.run("show", plan.toString(), "--diff", "--no-color").out()).contains("+unset-line");
  }

  @Test
  void aNodeKnownAfterApplyIsListedByShowAndPlannedWhenApplied() throws IOException {
    Files.writeString(dir.resolve("site.yaml"), """
        - hosts: localhost
          gather_facts: false
          tasks:
            - name: note
              copy: {dest: "%s/note", content: "hello\\n"}
              register: note
            - name: stamp
              copy: {dest: "%s/stamp", content: "after\\n"}
              when: note.changed
        """.formatted(dir, dir));
    planned();
    Result json = MainTest.run("show", plan.toString(), "--output", "json");
    assertThat(json.out()).contains("\"known_after_apply\": [\n    \"p0.t1@localhost\"");
    Result shown = MainTest.run("show", plan.toString(), "--no-color");
    assertThat(shown.out()).contains("known after apply (planned again")
        .contains("stamp @ localhost: known after apply: `when` reads `note`");

    Result applied = MainTest.run("apply", plan.toString(), "--no-color");
    assertThat(applied.code()).as(applied.out() + applied.err()).isZero();
    assertThat(dir.resolve("stamp")).hasContent("after");
  }

  @Test
  void anEditedInventoryOrOtherExtraVarsRefuseThePlanBeforeAnyTaskRuns() throws IOException {
    planned();
    Result otherVars = MainTest.run("apply", plan.toString(), "-e", "x=1");
    assertThat(otherVars.code()).isEqualTo(1);
    assertThat(otherVars.err()).contains("nothing was applied", "the extra variables (-e, --secrets) differ");
    Files.writeString(inventory, "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
    Result edited = MainTest.run("apply", plan.toString());
    assertThat(edited.code()).isEqualTo(1);
    assertThat(edited.err()).contains(inventory + " changed (");
    assertThat(dir.resolve("note")).doesNotExist();
  }

  @Test
  void aPlaybookNamedApplyOrShowIsRunWithAPathAndTheWordAloneIsTheCommand() throws IOException {
    Files.copy(dir.resolve("site.yaml"), dir.resolve("apply"));
    Result asPlaybook = MainTest.run(dir.resolve("apply").toString(), "-i", inventory.toString(), "--plan");
    assertThat(asPlaybook.code()).as(asPlaybook.err()).isEqualTo(2);
    Result asCommand = MainTest.run("apply", dir.resolve("nothing.provision").toString());
    assertThat(asCommand.code()).isEqualTo(1);
    assertThat(asCommand.err()).contains("cannot read the plan");
  }

  @Test
  void outNeedsPlanAndShowRefusesWhatIsNoPlan() throws IOException {
    Result noPlan = MainTest.run(dir.resolve("site.yaml").toString(), "-i", inventory.toString(), "--out", plan.toString());
    assertThat(noPlan.code()).isEqualTo(1);
    assertThat(noPlan.err()).contains("--out saves a plan: add --plan");
    Files.writeString(plan, "{\"schema_version\": 1}");
    Result notAPlan = MainTest.run("show", plan.toString());
    assertThat(notAPlan.code()).isEqualTo(1);
    assertThat(notAPlan.err()).contains("is not a saved plan");
    Files.writeString(plan, "{\"format\": \"provision-plan\", \"schema_version\": 99}");
    assertThat(MainTest.run("apply", plan.toString()).err()).contains("schema_version 99", "reads version 1");
  }
}
