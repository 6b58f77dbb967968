package dev.provision.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.module.ModuleRegistry;
import dev.provision.module.testing.ModuleFixture;
import dev.provision.module.testing.ModuleFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture under src/test/resources/fixtures/<module>/ plans (and applies) as it says, through
 * the one harness ({@link ModuleFixtures}). {@code -Dfixtures=get_url} runs one module's alone.
 */
class ModuleFixturesTest {

  private static final Path ROOT = Path.of("src/test/resources/fixtures");
  private static final ModuleRegistry REGISTRY = ModuleRegistry.load();
  /**
   * Modules tested from captured real outputs or against a real API server instead of fixtures,
   * each with its own test classes.
   */
  private static final java.util.Map<String, String> OWN_HARNESS = java.util.Map.of(
      "host_validate", "ValidateOutputParserTest and HostValidateModuleTest",
      // it opens and uses the connection while planning, which a fixture's canned host never does
      "wait_for_connection", "WaitForConnectionSshTest",
      // its one command's output is the whole of a host's facts: checked on a real host, and in engine's FactGathererTest
      "setup", "SetupSshTest",
      // Kubernetes modules read the API, not command facts: unit tests of their pure parts here,
      // and plan/changed/ok runs against a real kube-apiserver in it-tests (dev.provision.it.kube)
      "kube_apply", "NormalizeAndOrderTest, KubeErrorsTest; it-tests KubeApplyModuleTest",
      "kube_patch", "MergePatchTest, JsonPatchTest; it-tests KubePatchAndInfoModuleTest",
      "kube_info", "ObjectPathFieldsTest; it-tests KubePatchAndInfoModuleTest",
      "kube_wait", "WaitGoalTest, ObjectPathTest; it-tests KubeWaitModuleTest",
      "kube_vm", "VmViewTest; it-tests KubeVmModuleTest");

  static Stream<ModuleFixture> fixtures() {
    String only = System.getProperty("fixtures");
    return ModuleFixtures.under(only == null || only.isBlank() ? ROOT : ROOT.resolve(only));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureHolds(ModuleFixture fixture) {
    ModuleFixtures.run(fixture, REGISTRY);
  }

  @Test
  void everyBuiltInModuleIsRegisteredAndHasSeveralFixtures() throws Exception {
    assertThat(REGISTRY.names())
        .contains("command", "shell", "copy", "file", "http_get", "get_url", "package", "set_fact", "assert", "debug");
    for (String name : REGISTRY.names()) {
      if (OWN_HARNESS.containsKey(name)) {
        continue;
      }
      Path dir = ROOT.resolve(name);
      assertThat(dir).as("fixture folder of " + name).isDirectory();
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.filter(f -> f.toString().endsWith(".yaml")).count()).as("fixtures of " + name)
            .isGreaterThanOrEqualTo(3);
      }
    }
  }
}
