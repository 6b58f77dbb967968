package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.module.ModuleException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Symbolic modes computed in Java agree with GNU chmod itself, used here as the oracle. */
class FileModeTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
      "0644, u+x, false", "0644, 'u=rw,g=r,o=', false", "0755, go-w, false", "0600, a+r, false",
      "0644, a+X, false", "0744, a+X, false", "0700, a+X, true", "0750, 'u=rwx,g=rx,o=rx', true",
      "0644, g+s, false", "0755, o+t, true", "04755, u-s, false", "0777, 'a-w,u+w', false", "0640, ug=rw, false",
  })
  void symbolicModeMatchesChmod(String start, String symbolic, boolean directory) throws Exception {
    Path p = directory ? Files.createDirectory(dir.resolve("d")) : Files.createFile(dir.resolve("f"));
    sh("chmod " + start + " " + p);
    sh("chmod " + symbolic + " " + p);
    int actual = Integer.parseInt(sh("stat -c %a " + p).strip(), 8);
    int computed = FileMode.parse(symbolic).applyTo(Integer.parseInt(start, 8), directory);
    assertThat(FileMode.octal(computed)).isEqualTo(FileMode.octal(actual));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+x", "rw", "u=rw;id", "0644 x", "08", "99999", "u+q", "$(id)", "u=rw,", ""})
  void invalidModesAreRefused(String mode) {
    assertThatThrownBy(() -> FileMode.parse(mode))
        .isInstanceOf(ModuleException.class).hasMessageContaining("is neither an octal mode");
  }

  private static String sh(String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
