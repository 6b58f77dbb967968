package dev.provision.modules.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.ShellConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code command} and {@code shell} for real through {@code sh -c}. */
class CommandLiveTest {

  @TempDir Path dir;

  private ModuleRun command() {
    return new ModuleRun(new CommandModule(), new ShellConnection(dir), Map.of());
  }

  private ModuleRun shell() {
    return new ModuleRun(new ShellModule(), new ShellConnection(dir), Map.of());
  }

  @Test
  void planDoesNotRunTheCommand() throws Exception {
    Path marker = dir.resolve("marker");
    ModuleRun.Outcome planned = command().plan("touch " + marker);
    assertThat(planned.changed()).isTrue();
    assertThat(planned.message()).isEqualTo("would run `touch " + marker + "`");
    assertThat(marker).doesNotExist();
  }

  @Test
  void createsMakesASecondRunOk() throws Exception {
    Path marker = dir.resolve("done");
    Map<String, Object> args = Map.of("cmd", "touch " + marker, "creates", marker.toString());
    assertThat(command().apply(args).changed()).isTrue();
    assertThat(marker).exists();
    ModuleRun.Outcome again = command().apply(args);
    assertThat(again.changed()).isFalse();
    assertThat(again.plan().message()).isEqualTo(marker + " exists");
  }

  @Test
  void commandHasNoShellFeatures() throws Exception {
    ModuleRun.Outcome run = command().apply("echo $HOME; ~ ~/x $PROVISION_UNSET_X touch pwned | cat > out `id` $(id)");
    String home = System.getenv("HOME");
    // as Ansible's command module: ~ and set variables expanded (Python's expanduser, expandvars), nothing else
    assertThat(run.data().get("stdout"))
        .isEqualTo(home + "; " + home + " " + home + "/x $PROVISION_UNSET_X touch pwned | cat > out `id` $(id)");
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void argvReachesTheProgramUnchanged() throws Exception {
    ModuleRun.Outcome run = command().apply(Map.of("argv", List.of("printf", "%s|", "a b", "'q'", "\"d\"", "")));
    assertThat(run.data().get("stdout")).isEqualTo("a b|'q'|\"d\"||");
  }

  @Test
  void resultHasRcStdoutAndLines() throws Exception {
    ModuleRun.Outcome run = shell().apply("printf 'one\\ntwo\\n'; echo err >&2");
    assertThat(run.data()).containsEntry("rc", 0L).containsEntry("stdout", "one\ntwo")
        .containsEntry("stdout_lines", List.of("one", "two")).containsEntry("stderr", "err");
  }

  @Test
  void shellRunsPipesWithEnvChdirAndStdin() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work dir"));
    ModuleRun.Outcome run = shell().apply(Map.of("cmd", "cat | tr a-z A-Z > out.txt; echo \"$GREETING\"",
        "chdir", work.toString(), "env", Map.of("GREETING", "it's $(id)"), "stdin", "hello"));
    assertThat(work.resolve("out.txt")).hasContent("HELLO");
    assertThat(run.data().get("stdout")).isEqualTo("it's $(id)");
  }

  @Test
  void nonZeroExitFailsWithTheResultRegistered() {
    assertThatThrownBy(() -> shell().apply("echo partial; echo bad >&2; exit 3"))
        .isInstanceOf(ModuleException.class)
        .hasMessageContaining("return code 3: bad")
        .satisfies(e -> assertThat(((ModuleException) e).data())
            .containsEntry("rc", 3L).containsEntry("stdout", "partial"));
  }

  @Test
  void anAssignmentAsProgramNameIsNotRunAsShell() {
    assertThatThrownBy(() -> command().apply("X=1 touch pwned"))
        .isInstanceOf(ModuleException.class).hasMessage("[Errno 2] No such file or directory: b'X=1'")
        .satisfies(e -> assertThat(((ModuleException) e).data()).containsEntry("rc", 2L).containsEntry("stderr", ""));
    assertThat(dir.resolve("pwned")).doesNotExist();
  }
}
