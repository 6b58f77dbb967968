package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 9, through the CLI's {@code validate}: deep {@code needs} graphs once threw
 * StackOverflowError in the cycle search. A valid 4,000-play chain written bottom-up is accepted;
 * a 5,000-play cycle is refused with the documented diagnostic.
 */
class DeepNeedsCliTest {

  @TempDir
  Path dir;

  @Test
  void aFourThousandPlayChainWrittenBottomUpIsValid() throws Exception {
    StringBuilder yaml = new StringBuilder();
    int plays = 4000;
    for (int i = plays; i >= 1; i--) {
      yaml.append("- name: p").append(i).append('\n')
          .append("  hosts: all\n  gather_facts: false\n")
          .append("  needs: [").append(i > 1 ? "p" + (i - 1) : "").append("]\n")
          .append("  tasks: [{debug: {msg: hi}}]\n");
    }
    MainTest.Result r = validate(yaml.toString());

    assertThat(r.err()).doesNotContain("StackOverflow").doesNotContain("internal error");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void aFiveThousandPlayCycleIsReportedOnceWithTheCycleDiagnostic() throws Exception {
    StringBuilder yaml = new StringBuilder();
    int plays = 5000;
    for (int i = 1; i <= plays; i++) {
      yaml.append("- name: p").append(i).append('\n')
          .append("  hosts: all\n  gather_facts: false\n")
          .append("  needs: [p").append(i == plays ? 1 : i + 1).append("]\n")
          .append("  tasks: [{debug: {msg: hi}}]\n");
    }
    MainTest.Result r = validate(yaml.toString());

    assertThat(r.err()).doesNotContain("StackOverflow");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("site.yaml:4:3").contains("`needs` form a cycle: `p1` -> `p2` -> `p3` -> ")
        .contains("`p5000` -> `p1`")
        .contains("a play can only need plays that do not need it back");
  }

  private MainTest.Result validate(String playbook) throws Exception {
    Path inventory = Files.writeString(dir.resolve("hosts.ini"), "localhost ansible_connection=local\n");
    Path site = Files.writeString(dir.resolve("site.yaml"), playbook);
    return MainTest.run("validate", site.toString(), "-i", inventory.toString());
  }
}
