package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testing.SshLab;
import org.junit.jupiter.api.Test;

class SshSmokeTest {
  @Test
  void smoke() throws Exception {
    try (SshLab lab = SshLab.builder().hosts(2).baseAddress("127.0.41.1").start()) {
      for (int i = 0; i < 3; i++) {
        long t = System.nanoTime();
        try (Connection c = new DefaultConnectionFactory().open(lab.host(0).spec())) {
          long t0 = System.nanoTime();
          if (i == 2) Thread.sleep(200);
          long t1 = System.nanoTime();
          CommandResult r = c.run(Command.of("echo hi; echo err >&2; echo $HOME; exit 3"));
          long t2 = System.nanoTime();
          System.err.println("connect " + (t0 - t) / 1e6 + " ms, first command " + (t2 - t1) / 1e6 + " ms: " + r);
          long t3 = System.nanoTime();
          for (int k = 0; k < 20; k++) c.run(Command.of("true"));
          System.err.println("per command " + (System.nanoTime() - t3) / 20e6 + " ms");
          assertThat(r.exitCode()).isEqualTo(3);
        }
      }
    }
  }
}
