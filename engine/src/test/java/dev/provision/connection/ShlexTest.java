package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.gate.RealParts;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shlex against the real Python 3 {@code shlex.split}, run as an oracle, in both of its uses: the
 * {@code command} module's command line ({@code comments=False}) and an INI inventory's host line
 * ({@code comments=True}).
 */
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
      "echo a#b # not a comment in a command",
  })
  void commandLinesSplitLikePythonShlex(String line) throws Exception {
    assertThat(Shlex.split(line)).isEqualTo(python(line, false));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "h1 a=1 b=two", "h2 x=\"hello world\" y='single quoted'", "h3 a=foo#bar c=never", "h4 # all comment",
      "h5 path=/a\\ b", "h6 q=\"esc \\\" quote\" r=\"keep \\n\"", "h7 m='it''s'", "h8\ta=1\t\tb=2", "h9 e=\"\"",
      "h10 mixed=a\"b c\"d", "h11 back=\\#notcomment", "h12 hash=\"a # b\" after=1"})
  void inventoryHostLinesSplitLikePythonShlexWithComments(String line) throws Exception {
    assertThat(Shlex.words(line, true).stream().map(Shlex.Word::text).toList()).isEqualTo(python(line, true));
  }

  @Test
  void eachWordKnowsWhereItStarts() {
    assertThat(Shlex.words("  w1 note=\"a b\"  x=1", true)).containsExactly(
        new Shlex.Word("w1", 2), new Shlex.Word("note=a b", 5), new Shlex.Word("x=1", 17));
  }

  @Test
  void anUnclosedQuoteOrATrailingBackslashIsAnError() {
    assertThatThrownBy(() -> Shlex.split("echo \"open")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no closing quotation (\")");
    assertThatThrownBy(() -> Shlex.words("h1 a='open", true)).hasMessage("no closing quotation (')");
    assertThatThrownBy(() -> Shlex.split("echo end\\")).hasMessageContaining("no escaped character");
  }

  @Test
  void splitUndoesShellJoin() {
    List<String> words = List.of("a b", "it's", "$(id)", "", "x\"y", "back\\slash");
    assertThat(Shlex.split(Shell.join(words))).isEqualTo(words);
  }

  private static List<String> python(String line, boolean comments) throws Exception {
    RealParts.requirePrograms("python3", "/usr/bin/python3");
    Process p = new ProcessBuilder("/usr/bin/python3", "-c",
        "import shlex,sys; sys.stdout.write('\\0'.join(shlex.split(sys.argv[1], comments=sys.argv[2] == 'yes')))",
        line, comments ? "yes" : "no").start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    return out.isEmpty() ? List.of() : Arrays.asList(out.split("\0", -1));
  }
}
