package dev.provision.cli.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's markup from an event fixture; the browser test (it-tests) renders a real run's. */
class HtmlReportTest {

  private static final Pattern BAR = Pattern.compile("<g class=\"node [^\"]*\" data-node=\"(\\d+)\" data-status=\"([a-z]+)\"");

  private final String page = HtmlReport.render(Fixtures.run("two-plays.jsonl"));

  @Test
  void everyNodeHasOneBarWithItsStatus() {
    Matcher m = BAR.matcher(page);
    StringBuilder seen = new StringBuilder();
    while (m.find()) {
      seen.append(m.group(1)).append('=').append(m.group(2)).append(' ');
    }
    assertThat(seen.toString().strip())
        .isEqualTo("1=ok 2=ok 3=changed 4=changed 5=ok 6=ok 7=failed 8=skipped");
  }

  @Test
  void hostTextIsTextNeverMarkupNorAnEscapeSequence() {
    assertThat(page).doesNotContain("<script", "<b>app", "\u001b")
        .contains("deploy &lt;b&gt;app&lt;/b&gt;")
        .contains("permission denied: &lt;script&gt;alert(1)&lt;/script&gt;\\e[31m");
    assertThat(Html.line("a\"b'c&<\u202e\n")).isEqualTo("a&quot;b&#39;c&amp;&lt;\\u202e\\n");
    assertThat(Html.lines("one\ntwo\r")).isEqualTo("one\ntwo\\r");
  }

  @Test
  void thePageFetchesNothing() {
    assertThat(page).doesNotContain("<script", "<link", "<img", "<iframe", "src=", "@import")
        .contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    // the one URL is the SVG namespace, a name rather than a fetch; href only points inside the page
    assertThat(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:", "https:", "//");
    assertThat(page).doesNotContainPattern("href=\"[^#]");
  }

  @Test
  void recapFailuresFoldedDiffsAndTheCriticalPath() {
    assertThat(page).contains("<section id=\"recap\">", "<td>a</td>", "<td class=\"s-failed\">1</td>");
    assertThat(section("failures")).contains("data-node=\"7\"").doesNotContain("data-node=\"3\"");
    assertThat(section("diffs"))
        .contains("<details data-node=\"4\">", "install nginx", "<span class=\"del\">-a=1</span>", "<span class=\"add\">+a=2</span>")
        .doesNotContain("data-node=\"7\""); // a failure is not a change
    assertThat(section("critical-path")).containsSubsequence("data-node=\"2\"", "data-node=\"4\"", "data-node=\"6\"",
        "data-node=\"7\"");
    assertThat(page).contains("class=\"node s-ok critical waited\" data-node=\"6\"");
  }

  @Test
  void anUnfinishedRunSaysSo() {
    String text = Fixtures.text("two-plays.jsonl");
    String cut = text.substring(0, text.indexOf("{\"type\":\"task_result\",\"schema_version\":1,\"time\":\"2025-12-02T00:00:02.600Z\""));
    String unfinished = HtmlReport.fromEvents("cut.jsonl", cut, new Diagnostics());
    assertThat(unfinished).contains("no recap: the run did not finish", "data-node=\"6\" data-status=\"unfinished\"",
        "(2 planned nodes never reported)");
  }

  @Test
  void aBrokenLineIsNamedByFileLineAndColumn() {
    Diagnostics d = new Diagnostics();
    EventLines.read("events.jsonl", "{\"type\":\"run_started\"}\n\n{\"type\": \"x\", \"a\": [1, }\n[1]\n", d);
    assertThat(d.asList()).extracting(Diagnostic::span).extracting(s -> s.file() + ":" + s.line())
        .containsExactly("events.jsonl:3", "events.jsonl:4");
    assertThat(d.asList().get(1).summary()).isEqualTo("not an event");
    Diagnostics empty = new Diagnostics();
    EventLines.read("empty.jsonl", "\n", empty);
    assertThat(empty.asList()).extracting(Diagnostic::summary).containsExactly("no events in the file");
  }

  private String section(String id) {
    int start = page.indexOf("<section id=\"" + id + "\">");
    return page.substring(start, page.indexOf("</section>", start));
  }
}
