package dev.provision.cli;

import dev.provision.run.ConnectionSpecs;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How hosts are reached ({@code --accept-new-host-keys}, {@code --sudo-password-file}, and
 * ansible-playbook's {@code -u}, {@code --private-key}, {@code -c}, {@code -T}, {@code -b},
 * {@code --become-user}, {@code --become-method}): a picocli mixin of
 * {@code provision} and {@code apply}.
 */
final class HostOptions {

  @Option(names = "--accept-new-host-keys", description = "Trust and record host keys seen for the first time (like OpenSSH accept-new). Changed keys are still refused.")
  boolean acceptNewHostKeys;

  @Option(names = "--sudo-password-file", paramLabel = "FILE", description = "File holding the sudo password (else $PROVISION_SUDO_PASSWORD; never on the command line).")
  Path sudoPasswordFile;

  @Option(names = {"-u", "--user"}, paramLabel = "USER",
      description = "Log in as USER where neither ansible_user nor remote_user says who (as ansible-playbook -u).")
  String user;

  @Option(names = {"--private-key", "--key-file"}, paramLabel = "FILE",
      description = "SSH key where ansible_ssh_private_key_file names none (as ansible-playbook --private-key).")
  Path privateKey;

  @Option(names = {"-c", "--connection"}, paramLabel = "TYPE",
      description = "ssh or local, where neither ansible_connection nor `connection:` says (as ansible-playbook -c).")
  String connection;

  @Option(names = {"-b", "--become"},
      description = "Run tasks with become (sudo) where neither `become` nor ansible_become says (as ansible-playbook -b).")
  boolean become;

  @Option(names = "--become-user", paramLabel = "USER",
      description = "Whom become switches to where neither `become_user` nor ansible_become_user says (default root).")
  String becomeUser;

  @Option(names = "--become-method", paramLabel = "METHOD",
      description = "sudo or su, where neither `become_method` nor ansible_become_method says (default sudo).")
  String becomeMethod;

  @Option(names = {"-T", "--timeout"}, paramLabel = "SECONDS",
      description = "Seconds to wait for a connection (default: 10, as ansible-playbook -T).")
  Integer timeoutSeconds;

  ConnectionSpecs specs(Duration connectTimeout) throws java.io.IOException {
    if (timeoutSeconds != null && timeoutSeconds < 1) {
      throw new CliErrors.UserError("--timeout must be at least 1 second");
    }
    ConnectionSpecs.Defaults defaults;
    try {
      defaults = new ConnectionSpecs.Defaults(user, privateKey, connection, become, becomeUser, becomeMethod);
    } catch (IllegalArgumentException e) {
      throw new CliErrors.UserError(e.getMessage());
    }
    Duration timeout = timeoutSeconds == null ? connectTimeout : Duration.ofSeconds(timeoutSeconds);
    return new ConnectionSpecs(acceptNewHostKeys, timeout, SudoPasswords.from(sudoPasswordFile), defaults);
  }
}
