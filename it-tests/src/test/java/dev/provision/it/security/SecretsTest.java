package dev.provision.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.it.support.CliProcess;
import dev.provision.lab.ssh.LabUsers;
import dev.provision.lab.ssh.SshLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants a secret in every source the CLI takes (a {@code no_log} task's arguments and output,
 * {@code --secrets FILE}, {@code -e @secrets.yaml}, a {@code secret_vars} file and a variable named in
 * {@code secret_vars}, the sudo password from PROVISION_SUDO_PASSWORD)
 * and greps every output stream for it: text and {@code -v} stdout, {@code --output json}, stderr,
 * failure messages and {@code --diff}, in plan and in apply. The kubeconfig token is checked the
 * same way in {@code KubeFaultsTest}, which has an API server.
 */
class SecretsTest {

  static final String NOLOG_ARG = "NOLOGARG-7f3a9c";
  static final String NOLOG_OUT = "NOLOGOUT-6789";
  static final String SECRETS_FILE = "SECRETSFILE-b81e44";
  static final String EXTRA_FILE = "EXTRAFILE-c0ffee";
  static final String SECRET_VARS_FILE = "SECRETVARSFILE-9e0d1f";
  static final String SECRET_VARS_NAME = "SECRETVARSNAME-3b7c55";
  static final String SUDO = "SUDOPW-5d2a77";
  static final String SUDO_USER = "provsecret";

  private static SshLab lab;
  private static SshLab sudoLab;
  private static Path inventory;
  @TempDir static Path work;

  @BeforeAll
  static void startHosts() throws IOException {
    lab = SshLab.builder().hosts(2).baseAddress("127.0.9.1").start();
    inventory = lab.writeInventory(work.resolve("hosts.yaml"));
    plant(work);
  }

  /** Writes the playbook and the secret files into {@code work}; {@link #args} runs it (the saved-plan test reuses both). */
  static void plant(Path work) throws IOException {
    Files.writeString(work.resolve("vault.yaml"), "vault_password: " + SECRETS_FILE + "\n");
    Files.writeString(work.resolve("secrets.yaml"), "api_key: " + EXTRA_FILE + "\n");
    Files.writeString(work.resolve("play-secrets.yml"), "db_token: " + SECRET_VARS_FILE + "\n");
    Files.writeString(work.resolve("site.yaml"), """
        - name: secrets
          hosts: lab
          secret_vars: [play-secrets.yml, plain_token]
          tasks:
            - shell: "echo %s > /dev/null; echo NOLOGOUT-$((6000+789))"
              no_log: true
              register: hidden
              changed_when: false
              check_mode: false
            - name: show the hidden output
              debug: {var: hidden.stdout}
            - name: write the secrets
              copy:
                dest: "{{ lab_root }}/secrets.conf"
                content: "vault={{ vault_password }}\\nkey={{ api_key }}\\nhidden={{ hidden.stdout }}\\ndb={{ db_token }}\\nplain={{ plain_token }}\\n"
            - name: say them
              debug: {msg: "using {{ vault_password }}, {{ api_key }}, {{ hidden.stdout }}, {{ db_token }}, {{ plain_token }}"}
            - name: a failing command with secrets in its arguments
              command: "ls /nonexistent/{{ vault_password }}/{{ api_key }}"
              ignore_errors: true
            - name: a failing assertion with a secret in its message
              assert: {that: ["1 == 2"], fail_msg: "bad {{ api_key }} {{ hidden.stdout }}"}
              ignore_errors: true
        """.formatted(NOLOG_ARG));
  }

  @AfterAll
  static void stopHosts() {
    for (SshLab l : new SshLab[] {lab, sudoLab}) {
      if (l != null) {
        l.close();
      }
    }
  }

  private static List<String> args(String... more) {
    return args(work, inventory, more);
  }

  static List<String> args(Path work, Path inventory, String... more) {
    List<String> args = new ArrayList<>(List.of(work.resolve("site.yaml").toString(), "-i", inventory.toString(),
        "--secrets", work.resolve("vault.yaml").toString(), "-e", "@" + work.resolve("secrets.yaml"),
        "-e", "plain_token=" + SECRET_VARS_NAME, "--diff"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void noSecretReachesAnyOutputStreamInPlanOrApply() throws IOException {
    List<Cli> runs = new ArrayList<>();
    runs.add(Cli.run(args("--plan", "-v", "--no-color")));
    runs.add(Cli.run(args("--plan", "--output", "json")));
    runs.add(Cli.run(args("-v", "--no-color")));
    for (var host : lab.hosts()) {
      Files.writeString(host.root().resolve("secrets.conf"), "vault=" + SECRETS_FILE + "-old\n");
    }
    runs.add(Cli.run(args("--output", "json")));
    runs.add(Cli.run(args("--no-color")));

    for (Cli run : runs) {
      assertThat(run.exitCode()).as(run.toString()).isIn(0, 2);
      assertNoSecret(run, NOLOG_ARG, NOLOG_OUT, SECRETS_FILE, EXTRA_FILE, SECRET_VARS_FILE, SECRET_VARS_NAME);
      assertThat(run.stdout()).as("secrets are masked, not dropped: %s", run).contains("********");
    }
    assertThat(runs.get(1).events()).anySatisfy(e -> assertThat(e).containsKey("diffs"));
    assertThat(runs.get(2).stdout()).contains("failed (ignored)");
    String written = Files.readString(lab.host(0).root().resolve("secrets.conf"));
    assertThat(written).as("the secrets were really used")
        .isEqualTo("vault=" + SECRETS_FILE + "\nkey=" + EXTRA_FILE + "\nhidden=" + NOLOG_OUT + "\ndb=" + SECRET_VARS_FILE
            + "\nplain=" + SECRET_VARS_NAME + "\n");
  }

  @Test
  void theSudoPasswordFromTheEnvironmentNeverShowsAndAWrongOneIsRefusedWithoutShowingIt() throws IOException {
    LabUsers.ensure(SUDO_USER, SUDO, LabUsers.Sudo.PASSWORD);
    sudoLab = SshLab.builder().hosts(1).baseAddress("127.0.9.11").user(SUDO_USER).start();
    Path sudoInventory = sudoLab.writeInventory(work.resolve("sudo-hosts.yaml"));
    Path playbook = work.resolve("sudo.yaml");
    Files.writeString(playbook, """
        - hosts: lab
          become: true
          tasks:
            - name: who
              command: id -u
              register: who
              changed_when: false
            - assert: {that: ["who.stdout == '0'"]}
            - copy: {dest: "{{ lab_root }}/root-owned", content: "x\\n"}
        """);
    List<String> args = List.of(playbook.toString(), "-i", sudoInventory.toString(), "-v", "--diff", "--no-color");

    Cli ok = CliProcess.run(work, Map.of("PROVISION_SUDO_PASSWORD", SUDO), args);
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertNoSecret(ok, SUDO);
    List<String> json = new ArrayList<>(args);
    json.add("--output");
    json.add("json");
    Cli okJson = CliProcess.run(work, Map.of("PROVISION_SUDO_PASSWORD", SUDO), json);
    assertThat(okJson.exitCode()).as(okJson.toString()).isZero();
    assertNoSecret(okJson, SUDO);

    String wrong = "WRONGPW-91ab3e";
    Cli refused = CliProcess.run(work, Map.of("PROVISION_SUDO_PASSWORD", wrong), args);
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.stdout()).containsIgnoringCase("sudo");
    assertNoSecret(refused, SUDO, wrong);
  }

  static void assertNoSecret(Cli run, String... secrets) {
    for (String secret : secrets) {
      assertThat(run.stdout()).as("stdout holds %s: %s", secret, run).doesNotContain(secret);
      assertThat(run.stderr()).as("stderr holds %s: %s", secret, run).doesNotContain(secret);
    }
  }
}
