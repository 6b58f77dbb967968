package dev.provision.modules.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.module.ModuleRegistry;
import dev.provision.module.testing.ModuleFixture;
import dev.provision.module.testing.ModuleFixtures;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code get_url} fixtures (params and the host's fact output in, exact commands or the noop
 * reason out), run on their own so they can be run alone; ModuleFixturesTest runs them too.
 */
class GetUrlFixturesTest {

  private static final Path DIR = Path.of("src/test/resources/fixtures/get_url");
  private static final ModuleRegistry REGISTRY = ModuleRegistry.load();

  static Stream<ModuleFixture> fixtures() {
    return ModuleFixtures.under(DIR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureHolds(ModuleFixture fixture) {
    ModuleFixtures.run(fixture, REGISTRY);
  }

  @Test
  void getUrlIsRegistered() {
    assertThat(REGISTRY.find("get_url")).containsInstanceOf(GetUrlModule.class);
  }
}
