package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The product jar has no lab: `provision lab ...` says how to run it from the repository. */
class LabCommandTest {

  @Test
  void labSaysItIsNotInThisJarAndHowToRunIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = Main.run(new String[] {"lab", "status"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("the lab is not part of this jar")
        .contains("./provision lab status");
  }

  @Test
  void theLabIsNotOnTheProductsClassPath() {
    assertThat(getClass().getClassLoader().getResource("dev/provision/lab/LabCommand.class")).isNull();
    assertThat(getClass().getClassLoader().getResource("dev/provision/lab/sim/FakeKubelet.class")).isNull();
  }
}
