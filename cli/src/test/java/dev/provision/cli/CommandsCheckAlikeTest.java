package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provision}, {@code validate} and {@code graph} use one engine facade (load, validate,
 * then run or draw), so they refuse the same playbooks with the same words. {@code graph} used to
 * build its graph itself and drew a playbook that reads an undefined variable.
 */
class CommandsCheckAlikeTest {

  @TempDir
  Path dir;

  @Test
  void everyCommandRefusesAnUndefinedVariableTheSameWayBeforeTouchingAnyHost() throws Exception {
    String inv = Files.writeString(dir.resolve("hosts.ini"), "localhost ansible_connection=local\n").toString();
    String book = Files.writeString(dir.resolve("site.yaml"), """
        - hosts: all
          gather_facts: false
          tasks:
            - command: touch {{ lab_rot }}/ran
        """).toString();
    String expected = "site.yaml:4:7: error: task `command: touch {{ lab_rot }}/ran` reads variable `lab_rot`, "
        + "which nothing defines";

    for (String[] args : new String[][] {
        {book, "-i", inv}, {book, "-i", inv, "--plan"}, {"validate", book, "-i", inv}, {"graph", book, "-i", inv}}) {
      MainTest.Result r = MainTest.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(r.err()).as(String.join(" ", args)).contains(expected);
      assertThat(r.out()).as("nothing ran or was drawn: " + String.join(" ", args)).isEmpty();
    }
    assertThat(dir.resolve("{{ lab_rot }}")).doesNotExist();
  }

  @Test
  void theSameValidPlaybookIsValidForEveryCommand() throws Exception {
    String inv = Files.writeString(dir.resolve("hosts.ini"), "localhost ansible_connection=local root=" + dir + "\n")
        .toString();
    String book = Files.writeString(dir.resolve("site.yaml"), """
        - hosts: all
          gather_facts: false
          tasks:
            - command: touch {{ root }}/ran
        """).toString();
    assertThat(MainTest.run("validate", book, "-i", inv).code()).isZero();
    assertThat(MainTest.run("graph", book, "-i", inv).out()).startsWith("digraph").contains("localhost");
    assertThat(MainTest.run(book, "-i", inv, "--plan").code()).isEqualTo(2);
    assertThat(dir.resolve("ran")).as("a plan changes nothing").doesNotExist();
  }
}
