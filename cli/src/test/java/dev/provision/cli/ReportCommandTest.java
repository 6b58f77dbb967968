package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --report} during a run and {@code provision report} from the saved stream make the same
 * page (one code path); bad streams are refused with {@code file:line:column}. The browser test
 * over SSH is it-tests' {@code report.ReportInBrowserTest}.
 */
class ReportCommandTest {

  private static final Pattern BAR = Pattern.compile("data-node=\"(\\d+)\" data-status=\"([a-z]+)\"");

  @TempDir Path dir;

  @Test
  void theLivePageAndTheOneRebuiltFromTheSavedStreamShowTheSameRun() throws Exception {
    Path inventory = Files.writeString(dir.resolve("hosts.ini"), "alpha ansible_connection=local\nbeta ansible_connection=local\n");
    Path book = Files.writeString(dir.resolve("site.yaml"), """
        - hosts: all
          gather_facts: false
          tasks:
            - name: write
              copy: {dest: "%s/{{ inventory_hostname }}.conf", content: "x\\n"}
            - name: fails on beta
              command: "false"
              when: inventory_hostname == 'beta'
            - name: after
              debug: {msg: after}
        """.formatted(dir));
    Path live = dir.resolve("live.html");
    MainTest.Result run = MainTest.run(book.toString(), "-i", inventory.toString(), "--output", "json", "--report", live.toString());
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    Path events = Files.writeString(dir.resolve("events.jsonl"), run.out());
    Path saved = dir.resolve("saved.html");

    MainTest.Result report = MainTest.run("report", events.toString(), "-o", saved.toString());

    assertThat(report.code()).as(report.err()).isZero();
    assertThat(report.out() + report.err()).isEmpty();
    List<String> bars = bars(Files.readString(live));
    assertThat(bars).containsExactly("1=changed", "2=changed", "3=skipped", "4=failed", "5=ok", "6=skipped");
    assertThat(bars(Files.readString(saved))).isEqualTo(bars);
    assertThat(Files.readString(saved)).isEqualTo(Files.readString(live)); // the same lines, the same code
  }

  @Test
  void withTextOutputTheRunPrintsAsUsualAndTheReportIsWrittenToo() throws Exception {
    Path inventory = Files.writeString(dir.resolve("hosts.ini"), "alpha ansible_connection=local\n");
    Path book = Files.writeString(dir.resolve("site.yaml"), "- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: {msg: hi}\n");
    Path page = dir.resolve("out/run.html");
    MainTest.Result run = MainTest.run(book.toString(), "-i", inventory.toString(), "--report", page.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("alpha").doesNotContain("\"type\"");
    assertThat(bars(Files.readString(page))).containsExactly("1=ok");
  }

  @Test
  void aBrokenStreamIsRefusedWithItsFileLineAndColumn() throws Exception {
    Path events = Files.writeString(dir.resolve("events.jsonl"),
        "{\"type\":\"run_started\",\"mode\":\"apply\"}\n{\"type\":\"task_result\",\"node\": [1,\n");
    MainTest.Result r = MainTest.run("report", events.toString(), "-o", dir.resolve("x.html").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(events + ":2:", "invalid JSON", "one JSON object");
    assertThat(dir.resolve("x.html")).doesNotExist();

    MainTest.Result missing = MainTest.run("report", dir.resolve("none.jsonl").toString(), "-o", dir.resolve("x.html").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("none.jsonl", "file not found");
  }

  private static List<String> bars(String page) {
    Matcher m = BAR.matcher(page.substring(page.indexOf("<svg"), page.indexOf("</svg>")));
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1) + "=" + m.group(2));
    }
    return out;
  }
}
