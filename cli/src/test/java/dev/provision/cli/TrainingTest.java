package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher's start-up caches hold only what the training run loads: a listed class that no
 * longer exists (a library upgrade renamed it) silently drops out of both caches, so the list must
 * still match the classpath the CLI ships with.
 */
class TrainingTest {

  @Test
  void everyListedClassLoadsAndLinks() throws IOException {
    long listed;
    try (InputStream in = Training.class.getResourceAsStream(Training.LIST)) {
      assertThat(in).as(Training.LIST).isNotNull();
      listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .count();
    }
    assertThat(listed).as("classes listed").isGreaterThan(1000);
    List<String> missing = new ArrayList<>();
    int loaded = Training.preload(missing::add);
    assertThat(missing).as("listed classes that do not load").isEmpty();
    assertThat(loaded).as("classes loaded and linked").isEqualTo((int) listed);
  }
}
