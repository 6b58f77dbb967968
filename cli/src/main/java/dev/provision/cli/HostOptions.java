package dev.provision.cli;

import dev.provision.run.ConnectionSpecs;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How hosts are reached ({@code --accept-new-host-keys}, {@code --sudo-password-file}, and
 * ansible-playbook's {@code -u}, {@code --private-key}, {@code -c}, {@code -T}): a picocli mixin of
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

  @Option(names = {"-T", "--timeout"}, paramLabel = "SECONDS",
      description = "Seconds to wait for a connection (default: 10, as ansible-playbook -T).")
  Integer timeoutSeconds;

  ConnectionSpecs specs(Duration connectTimeout) throws java.io.IOException {
    if (timeoutSeconds != null && timeoutSeconds < 1) {
      throw new CliErrors.UserError("--timeout must be at least 1 second");
    }
    ConnectionSpecs.Defaults defaults;
    try {
      defaults = new ConnectionSpecs.Defaults(user, privateKey, connection);
    } catch (IllegalArgumentException e) {
      throw new CliErrors.UserError(e.getMessage());
    }
    Duration timeout = timeoutSeconds == null ? connectTimeout : Duration.ofSeconds(timeoutSeconds);
    return new ConnectionSpecs(acceptNewHostKeys, timeout, SudoPasswords.from(sudoPasswordFile), defaults);
  }
}
