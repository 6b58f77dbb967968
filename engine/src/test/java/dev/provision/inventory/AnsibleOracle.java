package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostics;
import dev.provision.lab.gate.RealParts;
import dev.provision.lab.process.Processes;
import dev.provision.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code ansible-inventory}, run as the reference for what an inventory means. Missing
 * means the test is skipped with a reason, except under CI, where it is a failure.
 */
final class AnsibleOracle {

  private static final Path BINARY = Processes.find("ansible-inventory");

  private AnsibleOracle() {}

  /** Skips (or fails under CI) when ansible-inventory is not installed. */
  static void assumeAvailable() {
    RealParts.require(BINARY != null, "ansible-inventory is not on PATH (apt-get install ansible), so no live comparison");
  }

  /** {@code ansible-inventory -i source --list}, from an empty directory so no stray group_vars/ leak in. */
  static String list(Path source) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("ansible-oracle");
    try {
      ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "-i", source.toAbsolutePath().toString(), "--list");
      pb.directory(work.toFile());
      pb.environment().put("ANSIBLE_LOCAL_TEMP", work.toString());
      pb.environment().put("ANSIBLE_NOCOLOR", "1");
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process process = pb.start();
      byte[] out = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ansible-inventory finished").isTrue();
      assertThat(process.exitValue()).as("ansible-inventory exit code for " + source).isZero();
      return new String(out, StandardCharsets.UTF_8).strip();
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One JSON value as plain Java values; big integers stay exact (BigInteger). */
  static Object plainJson(String json) {
    Object value = plain("python", json);
    return fixBigIntegers(value, json);
  }

  private static Object fixBigIntegers(Object value, String json) {
    // the YAML reader keeps integers beyond a long as text; JSON without quotes means a number
    if (value instanceof String s && s.matches("-?[0-9]{19,}") && !json.contains("\"" + s + "\"")) {
      return new java.math.BigInteger(s);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> fixBigIntegers(v, json)).toList();
    }
    if (value instanceof java.util.Map<?, ?> map) {
      java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, fixBigIntegers(v, json)));
      return out;
    }
    return value;
  }

  /** JSON text as plain maps and lists, read with the engine's own YAML reader. */
  static Object plain(String label, String json) {
    Diagnostics diagnostics = new Diagnostics();
    List<dev.provision.yaml.YNode> docs = YamlReader.readAll(label, json, diagnostics);
    assertThat(diagnostics.asList()).as("parse " + label).isEmpty();
    assertThat(docs).hasSize(1);
    return docs.get(0).toPlain();
  }
}
