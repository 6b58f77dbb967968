package dev.provision.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Vault texts written by Debian's ansible-vault (src/test/resources/vault/README.md), read back. */
class VaultCipherTest {

  private static final byte[] PASSWORD = "correct horse battery".getBytes(StandardCharsets.UTF_8);

  @AfterEach
  void noKeyring() {
    VaultKeyring.install(new VaultKeyring(List.of()));
  }

  private static String resource(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/vault", name));
  }

  private static VaultKeyring keyring(String id, byte[] password) {
    VaultKeyring k = new VaultKeyring(List.of(new VaultKeyring.Secret(id, password, "--vault-id " + id + "@test")));
    VaultKeyring.install(k);
    return k;
  }

  @Test
  void aWholeFileFromAnsibleVaultDecryptsWithItsLabelAndItsStringsBecomeSecrets() throws Exception {
    VaultKeyring k = keyring("prod", PASSWORD);
    List<String> revealed = new ArrayList<>();
    k.onReveal(revealed::add);
    Diagnostics out = new Diagnostics();
    List<YNode> docs = YamlReader.readAll("group_vars/all/vault.yml", resource("file-1.2-prod.yml"), out);
    assertThat(out.asList()).isEmpty();
    YMap map = (YMap) docs.get(0);
    assertThat(((YScalar) map.entries().get("api_token")).text()).isEqualTo("tok-98765");
    assertThat(((YScalar) map.entries().get("port")).text()).isEqualTo("8080");
    assertThat(revealed).contains("tok-98765").doesNotContain("8080"); // an int is not masked everywhere
    assertThat(VaultCipher.parse(resource("file-1.2-prod.yml")).label()).isEqualTo("prod");
  }

  @Test
  void anInlineVaultValueIsItsPlaintextBesidePlainValues() throws Exception {
    keyring("default", PASSWORD);
    Diagnostics out = new Diagnostics();
    YMap map = (YMap) YamlReader.readAll("vars.yml", resource("encrypt-string.yml"), out).get(0);
    assertThat(out.asList()).isEmpty();
    assertThat(((YScalar) map.entries().get("db_password")).text()).isEqualTo("s3cr3t-value");
    assertThat(((YScalar) map.entries().get("db_user")).text()).isEqualTo("app");
  }

  @Test
  void withoutAPasswordTheErrorNamesTheValueAndSaysWhichOptionGivesOne() throws Exception {
    Diagnostics out = new Diagnostics();
    YamlReader.readAll("vars.yml", resource("encrypt-string.yml"), out);
    assertThat(out.asList()).singleElement().satisfies(d -> {
      assertThat(d.span().line()).isEqualTo(1);
      assertThat(d.span().column()).isEqualTo(14);
      assertThat(d.summary()).contains("no vault password was given");
      assertThat(d.hint()).contains("--vault-password-file");
    });
  }

  @Test
  void aWrongPasswordIsToldApartFromADamagedTextAndNeitherShowsThePassword() throws Exception {
    keyring("default", "not it".getBytes(StandardCharsets.UTF_8));
    Diagnostics out = new Diagnostics();
    YamlReader.readAll("group_vars/all/vault.yml", resource("file-1.2-prod.yml"), out);
    assertThat(out.asList()).singleElement().satisfies(d -> {
      assertThat(d.span().file()).isEqualTo("group_vars/all/vault.yml");
      assertThat(d.summary()).contains("no vault password given decrypts it")
          .contains("vault id `prod`").doesNotContain("not it");
    });
    String damaged = resource("file-1.2-prod.yml").replaceFirst("\n3", "\nz");
    assertThatThrownBy(() -> VaultCipher.decrypt(damaged, PASSWORD)).isInstanceOf(VaultException.class)
        .hasMessageContaining("damaged");
    assertThatThrownBy(() -> VaultCipher.parse("$ANSIBLE_VAULT;1.1;AES128\n00")).hasMessageContaining("not supported yet");
  }

  @Test
  void theOwnEncryptionIsReadBackAndDiffersEachTime() throws Exception {
    String a = VaultCipher.encrypt("ünïcode value\n", PASSWORD, null);
    String b = VaultCipher.encrypt("ünïcode value\n", PASSWORD, "prod");
    assertThat(a).startsWith("$ANSIBLE_VAULT;1.1;AES256\n").isNotEqualTo(b);
    assertThat(b).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
    assertThat(a.lines().skip(1)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(VaultCipher.decrypt(a, PASSWORD)).isEqualTo("ünïcode value\n");
    assertThat(VaultCipher.decrypt(b, PASSWORD)).isEqualTo("ünïcode value\n");
  }
}
