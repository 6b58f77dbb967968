package dev.provision.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.json.Json;
import dev.provision.lab.gate.RealParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The recorded Ansible results of the expression tables are what Debian's ansible-core gives now:
 * {@code ansible_oracle.py} evaluates every case with Ansible's own Templar. Without Ansible the test
 * is skipped (a failure under CI). {@code -Dprovision.goldens=update} rewrites the recorded results
 * that differ and reports the test skipped ("rewritten"), never passed.
 */
class AnsibleExpressionOracleTest {

  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final boolean UPDATE = "update".equals(System.getProperty("provision.goldens"));

  @Test
  @SuppressWarnings("unchecked")
  void theRecordedResultsAreAnsibles() throws Exception {
    RealParts.require(ansibleInstalled(), "Debian's ansible (apt-get install ansible) is not installed for "
        + PYTHON + ", so the recorded results cannot be checked");
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(),
        ExpressionCases.DIR.resolve("ansible_oracle.py").toString()));
    ExpressionCases.tables().forEach(t -> command.add(t.toString()));
    Map<String, Object> live = (Map<String, Object>) ExpressionCases.plain("ansible_oracle.py", run(command));
    List<String> rewritten = new ArrayList<>();
    for (Path table : ExpressionCases.tables()) {
      Map<String, Object> now = (Map<String, Object>) live.get(table.getFileName().toString());
      Path file = ExpressionCases.expectedFile(table);
      Object recorded = Files.exists(file) ? ExpressionCases.plain(file) : null;
      if (UPDATE && !now.equals(recorded)) {
        Files.writeString(file, Json.pretty(new java.util.TreeMap<>(now), 1) + "\n");
        rewritten.add(file.getFileName().toString());
        continue;
      }
      assertThat(recorded).as(file + " (rewrite it with -Dprovision.goldens=update)").isEqualTo(now);
    }
    Assumptions.assumeTrue(rewritten.isEmpty(), "rewritten: " + rewritten);
  }

  private static boolean ansibleInstalled() throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import ansible.template").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("ANSIBLE_NOCOLOR", "1");
    pb.environment().put("ANSIBLE_DEPRECATION_WARNINGS", "0");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the oracle finished").isTrue();
    assertThat(p.exitValue()).as("the oracle's exit code").isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
