package dev.provision.modules.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.diag.DiagnosticRenderer;
import dev.provision.diag.DiagnosticsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus, checked against the real built-in modules (their schemas decide what a
 * parameter error says; it-tests' BadInputTest runs the same corpus through the CLI): each
 * {@code bad-playbooks/NAME.yaml} must be refused with exactly the
 * diagnostics in {@code NAME.expected} (rendered, with the directory left out of paths). Run with
 * {@code -Dgolden.update=true} to rewrite the expected files, then review the diff.
 */
class BadPlaybooksTest {

  private static final Path DIR = Path.of("src/test/resources/bad-playbooks");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length()))
          .sorted()
          .toList();
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badPlaybookIsRefusedWithTheExpectedDiagnostics(String name) throws IOException {
    PlaybookLoader loader = new PlaybookLoader(ModuleRegistry.load());
    DiagnosticsException e = catchThrowableOfType(DiagnosticsException.class, () -> loader.load(DIR.resolve(name + ".yaml")));
    assertThat(e).as("%s must be refused", name).isNotNull();
    String rendered = new DiagnosticRenderer().render(e.diagnostics()).replace(DIR + "/", "").replace(DIR.toString(), ".");
    Path expected = DIR.resolve(name + ".expected");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, rendered, StandardCharsets.UTF_8);
    }
    assertThat(rendered).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  @org.junit.jupiter.api.Test
  void theCorpusHasAtLeastThirtyCases() throws IOException {
    assertThat(cases().count()).isGreaterThanOrEqualTo(30);
  }
}
