package dev.provision.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.gate.RealParts;
import dev.provision.vault.VaultCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provision's vault and Debian's ansible-vault read each other's texts, with a password and a secret made
 * fresh for each run (so no fixture can agree by accident): 1.1 and 1.2 (a vault id), a whole file and an
 * encrypt_string value, non-ASCII included.
 */
class VaultAgreesWithAnsibleVaultTest {

  @TempDir Path dir;

  @BeforeAll
  static void ansibleVault() {
    RealParts.requirePrograms("ansible", "ansible-vault");
  }

  private String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(args));
    Path out = dir.resolve("out-" + UUID.randomUUID());
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("ansible-vault finished").isTrue();
    String text = Files.readString(out);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  @Test
  void eachReadsWhatTheOtherWrote() throws Exception {
    String password = "pw-" + UUID.randomUUID() + "-ä";
    String secret = "secret-" + UUID.randomUUID() + " ü\nsecond line\n";
    Path pwFile = Files.writeString(dir.resolve("pw"), password + "\n");
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);

    // ansible-vault writes, Provision reads: a whole file with a vault id (1.2) and without (1.1)
    for (String id : new String[] {"prod@" + pwFile, pwFile.toString()}) {
      Path file = Files.writeString(dir.resolve("plain-" + UUID.randomUUID()), secret);
      run("ansible-vault", "encrypt", "--vault-id", id, file.toString());
      String vaulted = Files.readString(file);
      assertThat(vaulted).startsWith(id.startsWith("prod@") ? "$ANSIBLE_VAULT;1.2;AES256;prod" : "$ANSIBLE_VAULT;1.1;AES256");
      assertThat(VaultCipher.decrypt(vaulted, pw)).isEqualTo(secret);
    }
    // an encrypt_string value, as it sits under `!vault |`
    String yaml = run("ansible-vault", "encrypt_string", "--vault-password-file", pwFile.toString(), "v-" + secret.strip(),
        "--name", "x");
    String block = yaml.substring(yaml.indexOf("$ANSIBLE_VAULT")).lines().map(String::strip)
        .takeWhile(l -> !l.isEmpty() && !l.contains(":")).reduce("", (a, b) -> a + b + "\n");
    assertThat(VaultCipher.decrypt(block, pw)).isEqualTo("v-" + secret.strip());

    // Provision writes, ansible-vault reads
    for (String label : new String[] {null, "prod"}) {
      Path file = Files.writeString(dir.resolve("ours-" + UUID.randomUUID()), VaultCipher.encrypt(secret, pw, label));
      String read = run("ansible-vault", "view", "--vault-password-file", pwFile.toString(), file.toString());
      assertThat(read).isEqualTo(secret);
    }
  }
}
