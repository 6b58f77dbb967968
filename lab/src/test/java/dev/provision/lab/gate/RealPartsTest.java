package dev.provision.lab.gate;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RealPartsTest {

  @Test
  void aPresentPartLetsTheTestGoOn() {
    assertThatCode(() -> RealParts.require(true, "never said", false)).doesNotThrowAnyException();
    assertThatCode(() -> RealParts.require(true, "never said", true)).doesNotThrowAnyException();
    assertThatCode(() -> RealParts.requirePrograms("coreutils", "sh", "/bin/sh")).doesNotThrowAnyException();
  }

  @Test
  void aMissingPartSkipsWithTheReasonHereAndFailsUnderCi() {
    assertThatThrownBy(() -> RealParts.require(false, "frobnicator is not installed", false))
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("frobnicator is not installed");
    assertThatThrownBy(() -> RealParts.require(false, "frobnicator is not installed", true))
        .isInstanceOf(AssertionError.class).isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("frobnicator is not installed").hasMessageContaining("CI is set");
  }

  @Test
  void aMissingProgramNamesItsPackage() {
    // the gate under this run's own CI setting: skipped here, failed under CI, and the message says the same
    assertThatThrownBy(() -> RealParts.requirePrograms("frob-utils", "no-such-program-here"))
        .hasMessageContaining("no-such-program-here is not installed (apt-get install frob-utils)");
  }
}
