package dev.provision.cli;

import dev.provision.playbook.AnsibleConfig;
import dev.provision.vault.VaultKeyring;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * Ansible Vault passwords, as ansible-playbook takes them: {@code --vault-password-file},
 * {@code --vault-id [ID@]SOURCE} (a file, an executable that prints the password, or {@code prompt}) and
 * {@code --ask-vault-pass}; with none of them, ANSIBLE_VAULT_PASSWORD_FILE or ansible.cfg's
 * {@code vault_password_file}. An executable file is run and its output is the password, as in Ansible
 * (one named {@code *-client} gets {@code --vault-id ID}). A picocli mixin; {@link #install()} runs
 * before anything is read.
 */
final class VaultOptions {

  @Option(names = {"--vault-password-file", "--vault-pass-file"}, paramLabel = "FILE",
      description = "A vault password file (or an executable printing the password), as in Ansible; repeatable.")
  List<Path> passwordFiles = new ArrayList<>();

  @Option(names = "--vault-id", paramLabel = "[ID@]SOURCE",
      description = "A vault id and its password source: a file, an executable, or `prompt`; repeatable.")
  List<String> vaultIds = new ArrayList<>();

  @Option(names = {"-J", "--ask-vault-pass", "--ask-vault-password"}, description = "Ask for the vault password.")
  boolean ask;

  /** Reads every password given and installs them for this process. */
  void install() {
    install(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
  }

  void install(Map<String, String> env, Path workDir, Path home) {
    List<VaultKeyring.Secret> secrets = new ArrayList<>();
    for (Path file : passwordFiles) {
      secrets.add(fromSource("default", file.toString(), "--vault-password-file " + file));
    }
    for (String id : vaultIds) {
      int at = id.indexOf('@');
      String label = at < 0 ? "default" : id.substring(0, at);
      String source = at < 0 ? id : id.substring(at + 1);
      secrets.add(fromSource(label, source, "--vault-id " + id));
    }
    if (ask) {
      secrets.add(prompt("default", "--ask-vault-pass"));
    }
    if (secrets.isEmpty()) {
      String fromEnv = env.get("ANSIBLE_VAULT_PASSWORD_FILE");
      if (fromEnv != null && !fromEnv.isBlank()) {
        secrets.add(fromSource("default", fromEnv, "ANSIBLE_VAULT_PASSWORD_FILE=" + fromEnv));
      } else {
        AnsibleConfig.file(env, workDir, home).ifPresent(cfg -> {
          String value = AnsibleConfig.defaults(cfg, "vault_password_file");
          if (value != null && !value.isBlank()) {
            Path p = Path.of(value.startsWith("~/") ? home + value.substring(1) : value);
            String source = cfg.toAbsolutePath().getParent().resolve(p).toString();
            secrets.add(fromSource("default", source, cfg + ": vault_password_file"));
          }
        });
      }
    }
    VaultKeyring.install(new VaultKeyring(secrets));
  }

  private static VaultKeyring.Secret fromSource(String id, String source, String where) {
    if (source.equals("prompt")) {
      return prompt(id, where);
    }
    Path file = Path.of(source);
    if (!Files.isRegularFile(file)) {
      throw new CliErrors.UserError(where + ": no such file: " + source
          + " (give a file holding the vault password, an executable printing it, or `prompt`)");
    }
    byte[] password;
    try {
      password = Files.isExecutable(file) ? run(file, id, where) : Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliErrors.UserError(where + ": cannot read the vault password: " + e.getMessage());
    }
    password = strip(password);
    if (password.length == 0) {
      throw new CliErrors.UserError(where + ": the vault password is empty");
    }
    return new VaultKeyring.Secret(id, password, where);
  }

  /** Runs a password script as Ansible does; its stdout is the password, its stderr goes to ours. */
  private static byte[] run(Path script, String id, String where) throws IOException {
    List<String> command = new ArrayList<>(List.of(script.toAbsolutePath().toString()));
    String name = script.getFileName().toString();
    if (name.endsWith("-client") || name.matches(".*-client\\.[^.]+")) {
      command.addAll(List.of("--vault-id", id));
    }
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new CliErrors.UserError(where + ": the vault password script did not finish in 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new CliErrors.UserError(where + ": interrupted");
    }
    if (p.exitValue() != 0) {
      throw new CliErrors.UserError(where + ": the vault password script exited " + p.exitValue());
    }
    return out.toByteArray();
  }

  private static VaultKeyring.Secret prompt(String id, String where) {
    Console console = System.console();
    if (console == null) {
      throw new CliErrors.UserError(where + " asks for the vault password, but there is no terminal here:"
          + " give --vault-password-file FILE instead");
    }
    char[] typed = console.readPassword(id.equals("default") ? "Vault password: " : "Vault password (" + id + "): ");
    if (typed == null || typed.length == 0) {
      throw new CliErrors.UserError(where + ": no vault password typed");
    }
    byte[] password = new String(typed).getBytes(StandardCharsets.UTF_8);
    Arrays.fill(typed, '\0');
    return new VaultKeyring.Secret(id, password, where);
  }

  /** As Ansible's {@code .strip()} of the file's text: surrounding whitespace is not part of the password. */
  private static byte[] strip(byte[] b) {
    int from = 0;
    int to = b.length;
    while (from < to && Character.isWhitespace(b[from])) {
      from++;
    }
    while (to > from && Character.isWhitespace(b[to - 1])) {
      to--;
    }
    return Arrays.copyOfRange(b, from, to);
  }
}
