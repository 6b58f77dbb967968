package dev.provision.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLabFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shell injection through every module family, over real SSH through the CLI: each argument that
 * ends up in a shell command (paths, modes, users, groups, package names, URLs, environment,
 * locales, kubeconfig paths) gets payloads such as {@code ; touch /tmp/pwned-...}. Payloads come
 * from variables, so they pass the static checks and reach the modules at run time. Each task may
 * be refused or may act on the literal value; no payload may ever run.
 */
class InjectionTest {

  @RegisterExtension
  static final SshLabFixture LAB = SshLabFixture.of(1, "127.0.9.21");

  private static final String TOKEN = "pwned-" + UUID.randomUUID().toString().substring(0, 8);
  private static final List<String> PAYLOADS = List.of(
      "; touch /tmp/" + TOKEN + "-1",
      "$(touch /tmp/" + TOKEN + "-2)",
      "`touch /tmp/" + TOKEN + "-3`",
      "' ; touch /tmp/" + TOKEN + "-4 ; '",
      "\" ; touch /tmp/" + TOKEN + "-5 ; \"",
      "x\ntouch /tmp/" + TOKEN + "-6\n",
      "| touch /tmp/" + TOKEN + "-7",
      "&& touch /tmp/" + TOKEN + "-8",
      "-rf --version; touch " + TOKEN + "-9");

  @TempDir static Path work;

  /** Module family, then task templates in which {@code P} stands for the payload variable. */
  static Stream<Arguments> families() {
    return Stream.of(
        Arguments.of("command", List.of(
            "command: {argv: [ls, \"{{ P }}\"]}",
            "command: \"echo {{ P }}\"",
            "command: {cmd: \"true\", chdir: \"/tmp/{{ P }}\"}",
            "command: {cmd: \"true\", creates: \"/tmp/x{{ P }}\"}",
            "command: {cmd: \"true\", removes: \"/tmp/{{ P }}\"}",
            "command: {cmd: \"true\", env: {X: \"{{ P }}\"}}",
            "command: {cmd: \"cat\", stdin: \"{{ P }}\"}")),
        Arguments.of("shell", List.of(
            "shell: {cmd: \"true\", chdir: \"/tmp/{{ P }}\"}",
            "shell: {cmd: \"echo $X\", env: {X: \"{{ P }}\"}}",
            "shell: {cmd: \"true\", creates: \"/tmp/x{{ P }}\"}")),
        Arguments.of("copy", List.of(
            "copy: {dest: \"{{ lab_root }}/{{ P }}\", content: x}",
            "copy: {dest: \"{{ lab_root }}/c1\", content: x, mode: \"{{ P }}\"}",
            "copy: {dest: \"{{ lab_root }}/c2\", content: x, owner: \"{{ P }}\"}",
            "copy: {dest: \"{{ lab_root }}/c3\", content: x, group: \"{{ P }}\"}")),
        Arguments.of("file", List.of(
            "file: {path: \"{{ lab_root }}/{{ P }}\", state: directory}",
            "file: {path: \"{{ lab_root }}/{{ P }}\", state: touch}",
            "file: {path: \"{{ lab_root }}/f1\", state: link, src: \"{{ P }}\"}",
            "file: {path: \"{{ lab_root }}/f2\", state: touch, mode: \"{{ P }}\"}",
            "file: {path: \"{{ lab_root }}/f3\", state: touch, owner: \"{{ P }}\"}",
            "file: {path: \"{{ lab_root }}/f4\", state: touch, group: \"{{ P }}\"}",
            "file: {path: \"{{ lab_root }}/{{ P }}\", state: absent}")),
        Arguments.of("packages", List.of(
            "package: {name: [\"{{ P }}\"]}",
            "package: {name: [bash, \"{{ P }}\"], state: absent}",
            "package: {name: [\"{{ P }}\"], manager: dnf}",
            "package: {name: [\"{{ P }}\"], manager: apt, update_cache: true}")),
        Arguments.of("downloads", List.of(
            "get_url: {url: \"http://127.0.0.1:9/a{{ P }}\", dest: \"{{ lab_root }}/g1\", download: host, timeout: 2}",
            "get_url: {url: \"http://127.0.0.1:9/a\", dest: \"{{ lab_root }}/{{ P }}\", download: host, timeout: 2}",
            "get_url: {url: \"http://127.0.0.1:9/a\", dest: \"{{ lab_root }}/g2\", checksum: \"{{ P }}\", timeout: 2}",
            "get_url: {url: \"http://127.0.0.1:9/a\", dest: \"{{ lab_root }}/g3\", mode: \"{{ P }}\", download: host, timeout: 2}",
            "http_get: {url: \"http://127.0.0.1:9/{{ P }}\", timeout: 2}")),
        Arguments.of("virt", List.of(
            "host_validate: {locale: \"{{ P }}\"}",
            "host_validate: {allow: [\"{{ P }}\"]}")),
        Arguments.of("kube", List.of(
            "kube_info: {kind: Namespace}\n      vars: {kubeconfig_remote: \"/tmp/{{ P }}\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void noPayloadRunsThroughAnyArgument(String family, List<String> templates) throws IOException {
    StringBuilder playbook = new StringBuilder("- hosts: lab\n  gather_facts: false\n  tasks:\n");
    StringBuilder vars = new StringBuilder();
    int n = 0;
    for (int p = 0; p < PAYLOADS.size(); p++) {
      vars.append("p").append(p).append(": ").append(yamlString(PAYLOADS.get(p))).append('\n');
      for (String template : templates) {
        playbook.append("    - name: t").append(n++).append('\n')
            .append("      ").append(template.replace("{{ P }}", "{{ p" + p + " }}")).append('\n')
            .append("      ignore_errors: true\n");
      }
    }
    Path dir = Files.createDirectories(work.resolve(family));
    Files.writeString(dir.resolve("site.yaml"), playbook);
    Files.writeString(dir.resolve("payloads.yaml"), vars);

    Cli run = Cli.run(dir.resolve("site.yaml").toString(), "-i", LAB.inventory().toString(), "-e",
        "@" + dir.resolve("payloads.yaml"), "--output", "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<Map<String, Object>> results = run.events().stream().filter(e -> "task_result".equals(e.get("type"))).toList();
    assertThat(results).as("every task ran on the host").hasSize(n);
    assertThat(results).noneMatch(e -> "skipped".equals(e.get("status")));
    assertThat(pwned()).as("files made by payloads; run: %s", run).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void theCheckSeesAPayloadThatShellRunsByDesign() throws IOException {
    Path dir = Files.createDirectories(work.resolve("control"));
    Files.writeString(dir.resolve("site.yaml"), "- hosts: lab\n  gather_facts: false\n  tasks:\n"
        + "    - shell: \"true {{ p }}\"\n");
    Files.writeString(dir.resolve("payload.yaml"), "p: " + yamlString(PAYLOADS.get(0)) + "\n");

    Cli run = Cli.run(dir.resolve("site.yaml").toString(), "-i", LAB.inventory().toString(), "-e",
        "@" + dir.resolve("payload.yaml"));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<Path> found = pwned();
    assertThat(found).hasSize(1);
    Files.delete(found.get(0));
  }

  private static List<Path> pwned() throws IOException {
    List<Path> found = new ArrayList<>();
    LabHost host = LAB.lab().host(0);
    for (Path dir : List.of(Path.of("/tmp"), host.home(), host.root(), Path.of("").toAbsolutePath(), Path.of("/"))) {
      try (Stream<Path> walk = Files.walk(dir, dir.equals(host.root()) ? 8 : 1)) {
        walk.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(TOKEN)).forEach(found::add);
      }
    }
    return found;
  }

  /** A double-quoted YAML string. */
  private static String yamlString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
