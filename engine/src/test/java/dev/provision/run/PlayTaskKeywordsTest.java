package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.event.Status;
import dev.provision.module.Mode;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A play's {@code no_log}, {@code ignore_errors}, {@code check_mode} and {@code timeout}: every task's and handler's, under their own. */
class PlayTaskKeywordsTest {

  @TempDir
  Path dir;

  @Test
  void aPlaysTaskKeywordsReachItsTasksAndHandlersUnderTheirOwn() throws Exception {
    Path file = dir.resolve("site.yml");
    Files.writeString(file, """
        - hosts: all
          gather_facts: false
          no_log: true
          ignore_errors: true
          check_mode: true
          timeout: 30
          tasks:
            - {name: fails, fail: {}, check_mode: false}
            - {name: checked, echo: {value: 1}}
            - {name: own, echo: {value: 1}, no_log: false, ignore_errors: false, check_mode: false, timeout: 5}
          handlers:
            - {name: h, echo: {value: 1}}
        """);
    Playbook book = new PlaybookLoader(EngineTestModules.registry()).load(file);
    var play = book.plays().get(0);
    Task fails = play.tasks().get(0);
    Task own = play.tasks().get(2);
    assertThat(play.tasks().get(1).checkOnly()).isTrue();
    assertThat(fails.noLog()).isTrue();
    assertThat(fails.ignoreErrors()).isTrue();
    assertThat(fails.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(own.noLog() || own.ignoreErrors() || own.checkOnly()).isFalse();
    assertThat(own.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(play.handlers().get(0).noLog()).isTrue();

    Harness h = new Harness(EngineTestModules.registry());
    dev.provision.event.Recap recap = h.run(book, Fixtures.hosts("h1"), Mode.APPLY);
    assertThat(recap.hosts().get(0).ignored()).as("the play's ignore_errors").isEqualTo(1);
    assertThat(recap.hosts().get(0).failed()).isZero();
    assertThat(h.sink.status("own", "h1")).as("the host went on").isEqualTo(Status.OK);
  }
}
