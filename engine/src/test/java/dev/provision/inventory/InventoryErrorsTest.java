package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.DiagnosticRenderer;
import dev.provision.diag.DiagnosticsException;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inventories under {@code src/test/resources/inventory-errors/<case>/}: each must be refused
 * with every problem rendered exactly as in the case's {@code expected.txt} (file:line:column, the
 * line, a caret and a hint). Set UPDATE_GOLDENS=1 to rewrite the goldens, then review the diff.
 */
class InventoryErrorsTest {

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path root = Path.of(InventoryErrorsTest.class.getResource("/inventory-errors").toURI());
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesTheInventoryWithTheGoldenDiagnostics(Path caseDir) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(caseDir.resolve("case.properties"))) {
      properties.load(reader);
    }
    DiagnosticsException e =
        catchThrowableOfType(DiagnosticsException.class, () -> new InventoryLoader().load(caseDir.resolve(properties.getProperty("source"))));
    assertThat(e).as("the inventory is refused").isNotNull();
    String rendered = new DiagnosticRenderer().render(e.diagnostics()).replace(caseDir + "/", "");

    Path golden = caseDir.resolve("expected.txt");
    if (System.getenv("UPDATE_GOLDENS") != null) {
      Path source = Path.of("src/test/resources/inventory-errors").resolve(caseDir.getFileName()).resolve("expected.txt");
      Files.writeString(source, rendered);
      Files.writeString(golden, rendered);
    }
    assertThat(golden).as("golden file; run with UPDATE_GOLDENS=1 to create it").exists();
    assertThat(rendered).isEqualTo(Files.readString(golden));
    assertThat(e.diagnostics().asList()).allSatisfy(d -> assertThat(d.hint()).as("every error has a hint: " + d.oneLine()).isNotBlank());
  }

  @Test
  void aMissingPathIsAFileNotFoundDiagnosticNamingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("inventory/nope");

    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class, () -> new InventoryLoader().load(missing));

    assertThat(e.diagnostics().asList()).singleElement().satisfies(d -> {
      assertThat(d.span().file()).isEqualTo(missing.toString());
      assertThat(d.summary()).contains("file not found").contains(missing.toString());
      assertThat(d.hint()).contains("-i");
    });
  }

  @Test
  void anUndefinedChildGroupPointsAtItsLineAndColumnAndSuggestsTheDefinedGroup(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("hosts");
    Files.writeString(file, "[workers]\nw1\n[cluster:children]\n  wokers\n");

    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class, () -> new InventoryLoader().load(file));

    Diagnostic d = e.diagnostics().asList().get(0);
    assertThat(d.span().toString()).isEqualTo(file + ":4:3");
    assertThat(d.summary()).isEqualTo("section [cluster:children] includes undefined group `wokers`");
    assertThat(d.hint()).startsWith("did you mean `workers`?");
  }

  @Test
  void warningsAloneDoNotRefuseTheInventory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hosts.yaml");
    Files.writeString(file, "web:\n  hots:\n    w1:\n  hosts:\n    w2:\n");
    Files.createDirectories(dir.resolve("group_vars"));
    Files.writeString(dir.resolve("group_vars/wbe.yml"), "x: 1\n");

    Inventory inventory = new InventoryLoader().load(file);

    assertThat(inventory.hosts()).containsOnlyKeys("w2");
    assertThat(inventory.warnings()).extracting(Diagnostic::summary).containsExactly(
        "skipping unexpected key `hots` in group `web`: only `vars`, `children` and `hosts` are valid",
        "group_vars/wbe.yml names no group of this inventory, so it is not used");
    assertThat(inventory.warnings()).extracting(Diagnostic::hint).containsExactly("did you mean `hosts`?", "did you mean `web`?");
  }

  @Test
  void aDynamicInventoryScriptIsRefusedRatherThanRun(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("inventory.py");
    Files.writeString(script, "#!/usr/bin/env python3\nprint('{}')\n");
    script.toFile().setExecutable(true);

    assertThatThrownBy(() -> new InventoryLoader().load(script))
        .isInstanceOf(DiagnosticsException.class)
        .hasMessageContaining("dynamic inventory scripts are not supported");
  }
}
