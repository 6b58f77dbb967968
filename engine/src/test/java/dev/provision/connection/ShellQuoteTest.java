package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Shell.quote: every value reaches a real /bin/sh as exactly one word, unchanged. */
class ShellQuoteTest {

  @Test
  void plainWordsStayReadable() {
    assertThat(Shell.quote("/etc/hosts")).isEqualTo("/etc/hosts");
    assertThat(Shell.quote("qemu-kvm")).isEqualTo("qemu-kvm");
    assertThat(Shell.quote("")).isEqualTo("''");
    assertThat(Shell.quote("a b")).isEqualTo("'a b'");
    assertThat(Shell.quote("it's")).isEqualTo("'it'\"'\"'s'");
    assertThat(Shell.join(List.of("echo", "a b", "c"))).isEqualTo("echo 'a b' c");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "a b", "it's", "'", "''", "\"", "$(touch /tmp/pwned)", "`id`", "$HOME", "${PATH}", "a;b", "a&&b",
      "a|b", "*", "?", "[a]", "~", "~root", "-n", "--", "\\", "\\'", "line1\nline2", "tab\there", "ünïcödé ✓",
      "'; rm -rf / #", "!", "#not a comment", "a\rb"})
  void quotedValueSurvivesRealShellUnchanged(String value) throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + Shell.quote(value) + "; printf '|%s' \"$#\"")
        .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    assertThat(out).isEqualTo(value + "|0");
  }

  @Test
  void quotedValueIsExactlyOneArgument() throws Exception {
    String script = "set -- " + Shell.join(List.of("a b", "", "$(x)", "c")) + "; printf '%s\\n' \"$#\" \"$@\"";
    Process p = new ProcessBuilder("/bin/sh", "-c", script).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    assertThat(out).isEqualTo("4\na b\n\n$(x)\nc\n");
  }
}
