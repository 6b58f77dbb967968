package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.testing.ChildCli;
import dev.provision.cli.testing.Missing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provision graph} on the multi-host KubeVirt playbook over inventory/home: per-node,
 * per-play and per-host views, a layout that wraps instead of a strip, and SVG/PNG through the
 * real Graphviz {@code dot}, with a clear message where it is missing.
 */
class GraphTest {

  private static final String PLAYBOOK = Path.of("..", "playbooks", "kubevirt.yaml").toString();
  private static final String INVENTORY = Path.of("..", "inventory", "home").toString();

  @TempDir Path dir;

  private static long count(String text, String regex) {
    return Pattern.compile(regex, Pattern.MULTILINE).matcher(text).results().count();
  }

  @Test
  void thePlaysViewDrawsEachTaskOnceWithItsHosts() {
    MainTest.Result nodes = MainTest.run("graph", PLAYBOOK, "-i", INVENTORY, "--format", "mermaid");
    MainTest.Result plays = MainTest.run("graph", PLAYBOOK, "-i", INVENTORY, "--format", "mermaid", "--view", "plays");
    assertThat(plays.code()).as(plays.err()).isZero();
    assertThat(count(plays.out(), "install qemu-kvm and libvirt")).as("one node for all hosts").isEqualTo(1);
    assertThat(count(nodes.out(), "install qemu-kvm and libvirt")).as("one node per host").isEqualTo(3);
    assertThat(plays.out()).contains("on controller.home.local, worker01.home.local, worker02.home.local")
        .startsWith("flowchart TB").contains("direction TB");
  }

  @Test
  void theHostsViewDrawsWhatEachHostRunsInOrder() {
    MainTest.Result hosts = MainTest.run("graph", PLAYBOOK, "-i", INVENTORY, "--view", "hosts");
    assertThat(hosts.code()).as(hosts.err()).isZero();
    assertThat(hosts.out()).contains("label=\"worker01.home.local\"", "label=\"controller.home.local\"")
        .contains("virtualization hosts › install qemu-kvm and libvirt").doesNotContain("shape=diamond");
    assertThat(count(hosts.out(), "subgraph cluster_")).isEqualTo(3);
  }

  @Test
  void theDrawingWrapsIntoAGridRatherThanAStrip() throws Exception {
    needDot();
    for (String view : new String[] {"nodes", "plays", "hosts"}) {
      Path svg = dir.resolve(view + ".svg");
      MainTest.Result r = MainTest.run("graph", PLAYBOOK, "-i", INVENTORY, "--view", view, "--format", "svg", "-o", svg.toString());
      assertThat(r.code()).as(r.err()).isZero();
      Matcher size = Pattern.compile("<svg width=\"(\\d+)pt\" height=\"(\\d+)pt\"").matcher(Files.readString(svg));
      assertThat(size.find()).isTrue();
      double width = Double.parseDouble(size.group(1));
      double height = Double.parseDouble(size.group(2));
      // before: 5136 x 298 pt (6848 x 397 px as PNG), a strip no one could read
      assertThat(width / height).as(view + ": %s x %s pt", width, height).isLessThan(3.0);
      assertThat(width).as(view + " width").isLessThan(2500);
    }
    MainTest.Result narrow = MainTest.run("graph", PLAYBOOK, "-i", INVENTORY, "--columns", "1");
    assertThat(narrow.out()).as("one column: each box below the previous").contains("[style=invis]");
  }

  @Test
  void pngIsWrittenToAFile() throws Exception {
    needDot();
    Path png = dir.resolve("graph.png");
    MainTest.Result r = MainTest.run("graph", PLAYBOOK, "-i", INVENTORY, "--format", "png", "-o", png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    byte[] bytes = Files.readAllBytes(png);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  @Test
  void withoutGraphvizSvgSaysWhatToInstallAndTheTextFormatsStillWork() throws Exception {
    Path playbook = Path.of(PLAYBOOK).toAbsolutePath();
    Path inventory = Path.of(INVENTORY).toAbsolutePath();
    ChildCli.Result r = ChildCli.in(dir).env("PATH", dir.resolve("no-bin").toString())
        .run("graph", playbook.toString(), "-i", inventory.toString(), "--format", "svg");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("--format svg needs Graphviz's `dot`, which is not on the PATH (Debian: apt-get"
        + " install graphviz); --format dot prints the source");
    ChildCli.Result dot = ChildCli.in(dir).env("PATH", dir.resolve("no-bin").toString())
        .run("graph", playbook.toString(), "-i", inventory.toString());
    assertThat(dot.code()).as(dot.toString()).isZero();
    assertThat(dot.out()).startsWith("digraph provision {");
  }

  private static void needDot() {
    for (String dir : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(dir, "dot"))) {
        return;
      }
    }
    Missing.part("Graphviz's dot (Debian package graphviz)");
  }
}
