package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 1, through the whole CLI: the JDK's HTTP client refuses a {@code Host} header with
 * an unchecked exception. The task must not vanish: a failed line naming the cause, failed=1 in the
 * recap, the next task skipped, exit 1, in plan and in apply.
 */
class InternalErrorCliTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aModuleThatThrowsUncheckedFailsItsTaskCountsItAndExitsOne(boolean plan) throws Exception {
    Path inventory = Files.writeString(dir.resolve("hosts.ini"), "localhost ansible_connection=local\n");
    Path playbook = Files.writeString(dir.resolve("site.yaml"), """
        - hosts: all
          gather_facts: false
          tasks:
            - name: fetch
              http_get: {url: "http://127.0.0.1:9/x", headers: {Host: example.com}}
            - name: after
              debug: {msg: never}
        """);

    MainTest.Result r = plan
        ? MainTest.run(playbook.toString(), "-i", inventory.toString(), "--no-color", "-v", "--plan")
        : MainTest.run(playbook.toString(), "-i", inventory.toString(), "--no-color", "-v");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).containsPattern("failed\\s+localhost\\s+play 1 › fetch\\s+internal error: "
        + "java\\.lang\\.IllegalArgumentException: restricted header name: \"Host\"");
    assertThat(r.out()).containsPattern("skipped\\s+localhost\\s+play 1 › after\\s+upstream failed");
    assertThat(r.out()).containsPattern("localhost\\s+ok=0\\s+(changed|to-change)=0\\s+failed=1\\s+skipped=1");
  }
}
