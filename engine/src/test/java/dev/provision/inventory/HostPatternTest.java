package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Host patterns select what Ansible selects ({@code ansible PATTERN --list-hosts}). Live
 * comparisons ignore order: Ansible walks groups below the first level through a Python set, so
 * its order there changes from run to run; ours (breadth first, file order) is asserted by hand.
 */
class HostPatternTest {

  private static final Path CHILDREN = resource("/inventory/ini-children/hosts.ini");
  private static final Path YAML = resource("/inventory/yaml-basic/hosts.yaml");

  private static Path resource(String name) {
    try {
      return Path.of(HostPatternTest.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> select(Path inventory, String pattern) throws Exception {
    return new InventoryLoader().load(inventory).select(pattern).stream().map(Host::name).toList();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "all ; mon1 b1 w1 w2",
        "* ; mon1 b1 w1 w2",
        "prod ; b1 w1 w2",
        "web ; w1 w2",
        "w1 ; w1",
        "web:backend ; w1 w2 b1",
        "web,b1 ; w1 w2 b1",
        "prod:&monitoring ; b1 w1 w2",
        "monitoring:!web ; mon1 b1",
        "!web ; mon1 b1",
        "w* ; w1 w2",
        "~(w|b)1 ; w1 b1",
        "prod[0] ; b1",
        "prod[1:] ; w1 w2",
        "prod[-1] ; w2",
        "b? ; b1",
        "ungrouped ; ''",
      })
  void selectsHostsLikeAnsibleOnAnIniInventory(String pattern, String expected) throws Exception {
    List<String> want = expected.isBlank() ? List.of() : List.of(expected.split(" "));
    assertThat(select(CHILDREN, pattern)).isEqualTo(want);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "all", "*", "prod", "web:backend", "web,b1", "prod:&monitoring", "monitoring:!web", "!web", "w*",
        "~(w|b)1", "prod[0]", "prod[1:]", "prod[-1]", "b?", "ungrouped", "backend:web:&prod:!b1"
      })
  void agreesWithLiveAnsibleOnTheIniInventory(String pattern) throws Exception {
    AnsibleOracle.assumeAvailable();
    assertThat(select(CHILDREN, pattern)).containsExactlyInAnyOrderElementsOf(listHosts(CHILDREN, pattern));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "all", "webservers:dbservers", "datacenter:!replicas", "*.example.com", "~db[0-9]",
        "web[1:2].example.com", "datacenter:&webservers", "bastion.example.com,db1", "ungrouped"
      })
  void agreesWithLiveAnsibleOnTheYamlInventory(String pattern) throws Exception {
    AnsibleOracle.assumeAvailable();
    assertThat(select(YAML, pattern)).containsExactlyInAnyOrderElementsOf(listHosts(YAML, pattern));
  }

  @Test
  void anUnknownNameIsAnErrorWithADidYouMean() {
    assertThatThrownBy(() -> select(CHILDREN, "frontned"))
        .isInstanceOf(HostPatternException.class)
        .hasMessageContaining("`frontned` is neither a host nor a group")
        .hasMessageContaining("did you mean `frontend`?");
  }

  @Test
  void anUnknownNameInAnExclusionIsAnErrorToo() {
    // a typo in `!web` would otherwise silently run on the hosts meant to be excluded
    assertThatThrownBy(() -> select(CHILDREN, "all:!wbe"))
        .isInstanceOf(HostPatternException.class)
        .hasMessageContaining("did you mean `web`?");
  }

  @Test
  void aWildcardMatchingNothingSelectsNothing() throws Exception {
    assertThat(select(CHILDREN, "zz*")).isEmpty();
  }

  @Test
  void anInvalidRegexIsAnError() {
    assertThatThrownBy(() -> select(CHILDREN, "~w(")).isInstanceOf(HostPatternException.class).hasMessageContaining("invalid regular expression");
  }

  @Test
  void localhostNotInTheInventoryIsTheImplicitLocalConnection() throws Exception {
    List<Host> hosts = new InventoryLoader().load(CHILDREN).select("localhost");
    assertThat(hosts).singleElement().satisfies(h -> {
      assertThat(h.name()).isEqualTo("localhost");
      assertThat(h.vars()).containsEntry("ansible_connection", "local");
    });
  }

  /** {@code ansible PATTERN -i INV --list-hosts}, host names in Ansible's order. */
  private static List<String> listHosts(Path inventory, String pattern) throws Exception {
    Path work = Files.createTempDirectory("ansible-hosts");
    ProcessBuilder pb = new ProcessBuilder("ansible", pattern, "-i", inventory.toString(), "--list-hosts");
    pb.directory(work.toFile());
    pb.environment().put("ANSIBLE_LOCAL_TEMP", work.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = pb.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> hosts = new ArrayList<>();
    for (String line : out.lines().toList()) {
      if (!line.isBlank() && !line.strip().startsWith("hosts (")) {
        hosts.add(line.strip());
      }
    }
    Files.deleteIfExists(work);
    return hosts;
  }
}
