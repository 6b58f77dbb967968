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
 * A task that edits a file an earlier task of the same host writes in the same run is planned on
 * the content that earlier task plans, not on the file as it is before the run: the plan's diff is
 * the apply's, and a saved plan of both applies (its actions are the apply's). When the earlier
 * task cannot know its content in advance, or the later one asks for a mode it cannot know, the
 * later task is "known after apply", with the reason. On this machine, over the local connection.
 */
class PlannedWritesCliTest {

  @TempDir Path dir;
  private Path inventory;
  private Path conf;

  @BeforeEach
  void files() throws IOException {
    inventory = Files.writeString(dir.resolve("local.ini"), "localhost ansible_connection=local\n");
    conf = Files.writeString(dir.resolve("app.conf"), "old = 1\n");
  }

  private Path playbook(String tasks) throws IOException {
    return Files.writeString(dir.resolve("site.yaml"), """
        - hosts: localhost
          gather_facts: false
          tasks:
        """ + tasks.indent(4).replace("CONF", conf.toString()));
  }

  private Result run(Path playbook, String... more) {
    String[] args = new String[more.length + 4];
    args[0] = playbook.toString();
    args[1] = "-i";
    args[2] = inventory.toString();
    args[3] = "--no-color";
    System.arraycopy(more, 0, args, 4, more.length);
    return MainTest.run(args);
  }

  @Test
  void copyThenLineinfileThenBlockinfileIsPlannedOnTheCopiedContent() throws IOException {
    Path site = playbook("""
        - name: base
          copy: {dest: "CONF", content: "a = 1\\nb = 2\\n"}
        - name: line
          lineinfile: {path: "CONF", regexp: "^b = ", line: "b = 3"}
        - name: block
          blockinfile: {path: "CONF", block: "c = 4"}
        - name: again
          lineinfile: {path: "CONF", line: "a = 1"}
        """);
    Result plan = run(site, "--plan", "--diff", "--out", dir.resolve("plan.provision").toString());
    assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(2);
    // the line task replaces b = 2, a line only the copy's planned content has
    assertThat(plan.out()).contains("line  would replace a line in " + conf)
        .contains("-b = 2").contains("+b = 3").doesNotContain("-old = 1\n+b = 3")
        .contains("block  would insert the block into " + conf)
        .contains("again  file " + conf + " already has the line")
        .doesNotContain("known after apply");
    assertThat(conf).hasContent("old = 1");

    Result applied = MainTest.run("apply", dir.resolve("plan.provision").toString(), "--no-color");
    assertThat(applied.code()).as(applied.out() + applied.err()).isZero();
    assertThat(applied.out()).doesNotContain("stale").contains("localhost  ok=1  changed=3  failed=0");
    assertThat(conf).hasContent("""
        a = 1
        b = 3
        # BEGIN ANSIBLE MANAGED BLOCK
        c = 4
        # END ANSIBLE MANAGED BLOCK""");
  }

  @Test
  void aLoopOfLineinfileItemsIsPlannedItemAfterItem() throws IOException {
    Path site = playbook("""
        - name: lines
          lineinfile: {path: "CONF", regexp: "^{{ item }} = ", line: "{{ item }} = on"}
          loop: [old, x]
        - name: again
          lineinfile: {path: "CONF", line: "old = on"}
        """);
    Result plan = run(site, "--plan", "--diff");
    assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(2);
    assertThat(plan.out()).contains("+x = on").contains("again  file " + conf + " already has the line");
    Result applied = run(site);
    assertThat(applied.code()).as(applied.out() + applied.err()).isZero();
    assertThat(conf).hasContent("old = on\nx = on");
  }

  @Test
  void aModeAfterAPlannedWriteIsKnownAfterApplyWithTheReason() throws IOException {
    Path site = playbook("""
        - name: base
          copy: {dest: "CONF", content: "a = 1\\n"}
        - name: line
          lineinfile: {path: "CONF", line: "b = 2", mode: "0600"}
        """);
    Result plan = run(site, "--plan");
    assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(2);
    assertThat(plan.out()).contains("line  known after apply: task `base` of this plan writes " + conf
        + " first, and the mode and owner it leaves are known only after apply");
    assertThat(run(site).code()).isZero();
    assertThat(conf).hasContent("a = 1\nb = 2");
  }
}
