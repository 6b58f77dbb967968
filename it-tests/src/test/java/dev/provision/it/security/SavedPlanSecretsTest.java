package dev.provision.it.security;

import static dev.provision.it.security.SecretsTest.EXTRA_FILE;
import static dev.provision.it.security.SecretsTest.NOLOG_ARG;
import static dev.provision.it.security.SecretsTest.NOLOG_OUT;
import static dev.provision.it.security.SecretsTest.SECRETS_FILE;
import static dev.provision.it.security.SecretsTest.SECRET_VARS_FILE;
import static dev.provision.it.security.SecretsTest.SECRET_VARS_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.it.support.Cli;
import dev.provision.lab.ssh.SshLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan of {@link SecretsTest}'s playbook, whose every secret source is planted: the plan file,
 * {@code show} (text and JSON) and the plan's apply hold none of them in clear text, and the apply
 * still uses them (the same {@code -e} and {@code --secrets} are given again: the plan keeps only
 * their digest).
 */
class SavedPlanSecretsTest {

  private static final String[] SECRETS = {NOLOG_ARG, NOLOG_OUT, SECRETS_FILE, EXTRA_FILE, SECRET_VARS_FILE,
      SECRET_VARS_NAME};

  private static SshLab lab;
  private static Path inventory;
  @TempDir static Path work;

  @BeforeAll
  static void startHosts() throws IOException {
    lab = SshLab.builder().hosts(2).baseAddress("127.0.54.5").start();
    inventory = lab.writeInventory(work.resolve("hosts.yaml"));
    SecretsTest.plant(work);
  }

  @AfterAll
  static void stopHosts() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void noPlantedSecretIsInThePlanFileItsShowOrItsApply() throws IOException {
    Path plan = work.resolve("secrets.provision");
    Cli planned = Cli.run(SecretsTest.args(work, inventory, "--plan", "--out", plan.toString()));
    assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(2);
    String saved = Files.readString(plan);
    for (String secret : SECRETS) {
      assertThat(saved).as("the plan file holds %s", secret).doesNotContain(secret);
    }
    assertThat(saved).as("secrets are masked, not dropped").contains("********").contains("\"schema_version\": 1");

    List<Cli> runs = new ArrayList<>();
    runs.add(Cli.run("show", plan.toString(), "--diff", "-v", "--no-color"));
    runs.add(Cli.run("show", plan.toString(), "--output", "json"));
    List<String> apply = new ArrayList<>(List.of("apply", plan.toString(), "-v", "--no-color",
        "--secrets", work.resolve("vault.yaml").toString(), "-e", "@" + work.resolve("secrets.yaml"),
        "-e", "plain_token=" + SECRET_VARS_NAME));
    runs.add(Cli.run(apply));
    for (Cli run : runs) {
      assertThat(run.exitCode()).as(run.toString()).isZero();
      SecretsTest.assertNoSecret(run, SECRETS);
    }
    assertThat(runs.get(0).stdout()).contains("write the secrets").contains("********");
    assertThat(Files.readString(lab.host(0).root().resolve("secrets.conf"))).as("the secrets were really used")
        .isEqualTo("vault=" + SECRETS_FILE + "\nkey=" + EXTRA_FILE + "\nhidden=" + NOLOG_OUT + "\ndb=" + SECRET_VARS_FILE
            + "\nplain=" + SECRET_VARS_NAME + "\n");
  }
}
