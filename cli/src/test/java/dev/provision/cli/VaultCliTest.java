package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.MainTest.Result;
import dev.provision.vault.VaultKeyring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible Vault through the command line, over the local connection, with texts ansible-vault wrote
 * (engine/src/test/resources/vault, password "correct horse battery"): an encrypted group_vars file
 * and an inline {@code !vault} value are used by tasks, and their plaintexts appear in no output and
 * no saved plan, only on the host.
 */
class VaultCliTest {

  private static final Path FIXTURES = Path.of("../engine/src/test/resources/vault");

  @TempDir Path dir;
  private Path inventory;
  private Path playbook;
  private Path password;

  @BeforeEach
  void files() throws IOException {
    Path groupVars = Files.createDirectories(dir.resolve("inv/group_vars/all"));
    inventory = Files.writeString(dir.resolve("inv/hosts"), "localhost ansible_connection=local\n");
    Files.copy(FIXTURES.resolve("file-1.2-prod.yml"), groupVars.resolve("vault.yml"));
    String inline = Files.readString(FIXTURES.resolve("encrypt-string.yml")).indent(4);
    playbook = Files.writeString(dir.resolve("site.yml"), """
        - hosts: all
          gather_facts: false
          vars:
        %s
          tasks:
            - name: say
              debug: {msg: "token {{ api_token }} password {{ db_password }} user {{ db_user }}"}
            - name: write
              copy: {dest: "%s/out.txt", content: "{{ db_password }}/{{ api_token }}"}
        """.formatted(inline, dir));
    password = Files.writeString(dir.resolve("pw.txt"), "correct horse battery\n");
  }

  @AfterEach
  void noKeyring() {
    VaultKeyring.install(new VaultKeyring(java.util.List.of()));
  }

  @Test
  void vaultedValuesAreUsedOnTheHostAndShownNowhere() throws IOException {
    Path plan = dir.resolve("plan.provision");
    Result planned = MainTest.run(playbook.toString(), "-i", inventory.toString(), "--vault-password-file",
        password.toString(), "--plan", "--diff", "--out", plan.toString(), "--no-color");
    assertThat(planned.code()).as(planned.err()).isEqualTo(2);
    Result applied = MainTest.run(playbook.toString(), "-i", inventory.toString(), "--vault-password-file",
        password.toString(), "--diff", "--output", "json");
    assertThat(applied.code()).as(applied.err()).isZero();
    assertThat(dir.resolve("out.txt")).hasContent("s3cr3t-value/tok-98765");
    assertThat(applied.out()).contains("user app").contains("********");
    for (String shown : new String[] {planned.out(), planned.err(), applied.out(), applied.err(), Files.readString(plan)}) {
      assertThat(shown).doesNotContain("s3cr3t-value").doesNotContain("tok-98765");
    }
  }

  @Test
  void aVaultIdScriptGivesThePasswordAndAClientScriptIsToldWhichId() throws IOException {
    Path script = Files.writeString(dir.resolve("pass-client.sh"),
        "#!/bin/sh\n[ \"$1 $2\" = \"--vault-id prod\" ] || exit 3\necho 'correct horse battery'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Result r = MainTest.run(playbook.toString(), "-i", inventory.toString(), "--vault-id", "prod@" + script,
        "--no-color");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(dir.resolve("out.txt")).hasContent("s3cr3t-value/tok-98765");
  }

  @Test
  void withoutAPasswordOrWithAWrongOneNothingRunsAndTheErrorSaysWhatToGive() throws IOException {
    Result none = MainTest.run(playbook.toString(), "-i", inventory.toString(), "--no-color");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).contains("group_vars/all/vault.yml").contains("no vault password was given")
        .contains("--vault-password-file FILE").contains("nothing was run");
    Path wrong = Files.writeString(dir.resolve("wrong.txt"), "nope\n");
    Result bad = MainTest.run(playbook.toString(), "-i", inventory.toString(), "--vault-password-file", wrong.toString(),
        "--no-color");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("no vault password given decrypts it").doesNotContain("nope");
    Result missing = MainTest.run(playbook.toString(), "-i", inventory.toString(), "--vault-password-file",
        dir.resolve("absent").toString());
    assertThat(missing.err()).contains("--vault-password-file").contains("no such file");
    assertThat(dir.resolve("out.txt")).doesNotExist();
  }

  @Test
  void ansibleCfgsVaultPasswordFileIsUsedWhenNoOptionGivesOne() throws IOException {
    Path cfg = Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\nvault_password_file = pw.txt\n");
    VaultOptions options = new VaultOptions();
    options.install(Map.of("ANSIBLE_CONFIG", cfg.toString()), dir, dir);
    assertThat(VaultKeyring.current().sources()).containsExactly(cfg + ": vault_password_file");
    options.install(Map.of("ANSIBLE_VAULT_PASSWORD_FILE", password.toString(), "ANSIBLE_CONFIG", cfg.toString()), dir, dir);
    assertThat(VaultKeyring.current().sources()).containsExactly("ANSIBLE_VAULT_PASSWORD_FILE=" + password);
  }
}
