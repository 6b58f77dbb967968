package dev.provision.it.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.lab.ssh.SshLabFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML run report of a real run over SSH (three sshd hosts), rendered by Debian's headless
 * chromium: every node of the run is in the rendered DOM once, with the status its events gave it;
 * the page asks for nothing over the network; no secret reaches it; and {@code provision report}
 * rebuilds the same page from the saved event stream.
 */
class ReportInBrowserTest {

  @RegisterExtension static final SshLabFixture LAB = SshLabFixture.of(3, "127.0.55.1");

  private static final String SECRET = "tok-3f9a-PLANTED-never-shown";
  private static final Pattern BAR = Pattern.compile("<g class=\"node [^\"]*\" data-node=\"(\\d+)\" data-status=\"([a-z]+)\"");

  @TempDir static Path work;
  private static Cli plan;
  private static Cli apply;
  private static Path planPage;
  private static Path applyPage;

  @BeforeAll
  static void run() throws Exception {
    Path site = Path.of(ReportInBrowserTest.class.getResource("/report/site.yaml").toURI());
    Path secrets = Files.writeString(work.resolve("secrets.yaml"), "api_token: " + SECRET + "\n");
    planPage = work.resolve("plan.html");
    applyPage = work.resolve("out/run.html"); // a folder that does not exist yet
    plan = provision(site, secrets, "--plan", "--report", planPage.toString());
    apply = provision(site, secrets, "--report", applyPage.toString());
  }

  private static Cli provision(Path site, Path secrets, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(site.toString(), "-i", LAB.inventory().toString(),
        "--secrets", secrets.toString(), "--diff", "--output", "json"));
    args.addAll(List.of(more));
    return Cli.run(args);
  }

  @Test
  void everyNodeOfTheRunIsInTheRenderedPageOnceWithItsStatus() throws Exception {
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(1); // the second host's failure
    HeadlessChromium.Page page = HeadlessChromium.require(work).render(applyPage);

    Map<Integer, String> expected = results(apply);
    assertThat(expected).hasSize(3 * 10); // 7 tasks, facts, a handler, a second play's task; per host
    assertThat(bars(page.dom())).isEqualTo(expected);
    assertThat(expected.values()).contains("ok", "changed", "failed", "skipped");
    assertThat(page.pageRequests()).isEmpty();
  }

  @Test
  void waitsAndFailuresAndTheCriticalPathAreShown() throws Exception {
    String dom = HeadlessChromium.require(work).render(applyPage).dom();
    assertThat(count(dom, "class=\"node s-[a-z]+( critical)? waited\"")).isGreaterThanOrEqualTo(3 * 3); // wait_for, pause, until
    assertThat(dom).contains("<line class=\"retry\"");
    String failures = dom.substring(dom.indexOf("<section id=\"failures\">"));
    assertThat(failures).contains("fails on the second host @ " + LAB.lab().host(1).name());
    String path = dom.substring(dom.indexOf("<section id=\"critical-path\">"), dom.indexOf("<section id=\"recap\">"));
    assertThat(count(path, "<li data-node=")).isGreaterThanOrEqualTo(5);
    assertThat(path).contains("settle @"); // the pause is on every host's longest chain
    assertThat(dom).contains("config &lt;b&gt;" + LAB.lab().host(0).name() + "&lt;/b&gt;"); // text, not markup
  }

  @Test
  void thePlansDiffsAreFoldedAndNoSecretReachesEitherPage() throws Exception {
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
    HeadlessChromium.Page page = HeadlessChromium.require(work).render(planPage);
    assertThat(bars(page.dom())).isEqualTo(results(plan));
    String diffs = page.dom().substring(page.dom().indexOf("<section id=\"diffs\">"));
    assertThat(diffs).contains("Planned changes", "<details data-node=", "+host=" + LAB.lab().host(0).name())
        .contains("+token=********");
    assertThat(page.pageRequests()).isEmpty();
    for (Path p : List.of(planPage, applyPage)) {
      assertThat(Files.readString(p)).doesNotContain(SECRET);
    }
  }

  @Test
  void theCheckSeesAPageThatFetchesSomething() throws Exception {
    Path control = Files.writeString(work.resolve("control.html"),
        "<!DOCTYPE html><html><body><img src=\"http://127.0.55.9:9/pixel.png\"></body></html>");
    assertThat(HeadlessChromium.require(work).render(control).pageRequests()).containsExactly("http://127.0.55.9:9/pixel.png");
  }

  @Test
  void provisionReportRebuildsThePageFromTheSavedStream() throws Exception {
    Path events = Files.writeString(work.resolve("events.jsonl"), apply.stdout());
    Path rebuilt = work.resolve("rebuilt.html");
    Cli report = Cli.run("report", events.toString(), "-o", rebuilt.toString());
    assertThat(report.exitCode()).as(report.toString()).isZero();
    HeadlessChromium chromium = HeadlessChromium.require(work);
    String live = chromium.render(applyPage).dom();
    String saved = chromium.render(rebuilt).dom();
    assertThat(bars(saved)).isEqualTo(bars(live));
    assertThat(section(saved, "critical-path").replaceAll("\\d+\\.\\d+s", "T"))
        .isEqualTo(section(live, "critical-path").replaceAll("\\d+\\.\\d+s", "T"));
    assertThat(section(saved, "recap")).isEqualTo(section(live, "recap"));
    Path png = work.resolve("report.png");
    chromium.screenshot(rebuilt, png, 1240, 900);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(10_000);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  /** node → status of every task_result. */
  private static Map<Integer, String> results(Cli run) {
    Map<Integer, String> out = new TreeMap<>();
    for (Map<String, Object> e : run.events()) {
      if ("task_result".equals(e.get("type"))) {
        String before = out.put(((Number) e.get("node")).intValue(), (String) e.get("status"));
        assertThat(before).as("one result per node: " + e).isNull();
      }
    }
    return out;
  }

  /** node → status of every bar in the rendered timeline; a node drawn twice fails. */
  private static Map<Integer, String> bars(String dom) {
    Map<Integer, String> out = new TreeMap<>();
    Matcher m = BAR.matcher(dom);
    while (m.find()) {
      String before = out.put(Integer.parseInt(m.group(1)), m.group(2));
      assertThat(before).as("node " + m.group(1) + " drawn once").isNull();
    }
    return out;
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String section(String dom, String id) {
    int start = dom.indexOf("<section id=\"" + id + "\">");
    return dom.substring(start, dom.indexOf("</section>", start));
  }
}
