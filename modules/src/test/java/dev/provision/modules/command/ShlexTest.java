package dev.provision.modules.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.gate.RealParts;
import dev.provision.module.ModuleException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Shlex agrees with Python's shlex.split (what Ansible's command module uses), run as an oracle. */
class ShlexTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "ls -l /tmp",
      "  spaced   out\targs ",
      "echo 'single quoted $HOME' \"double $HOME\"",
      "echo \"esc \\\" \\\\ \\$ \\` \\n kept\"",
      "echo a\\ b c\\\\d",
      "echo 'it'\"'\"'s'",
      "printf '' \"\"",
      "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
      "echo $(id) `id` ; | && > <",
  })
  void splitsLikePythonShlex(String line) throws Exception {
    assertThat(Shlex.split(line)).isEqualTo(python(line));
  }

  @Test
  void unclosedQuoteIsAnError() {
    assertThatThrownBy(() -> Shlex.split("echo \"open")).isInstanceOf(ModuleException.class)
        .hasMessageContaining("no closing quotation");
  }

  private static List<String> python(String line) throws Exception {
    RealParts.requirePrograms("python3", "python3");
    Process p = new ProcessBuilder("python3", "-c",
        "import shlex,sys; sys.stdout.write('\\0'.join(shlex.split(sys.argv[1])))", line).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    return out.isEmpty() ? List.of() : Arrays.asList(out.split("\0", -1));
  }
}
