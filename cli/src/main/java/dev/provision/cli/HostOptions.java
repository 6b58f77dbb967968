package dev.provision.cli;

import dev.provision.run.ConnectionSpecs;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How hosts are reached ({@code --accept-new-host-keys}, {@code --sudo-password-file}): a picocli mixin of {@code provision} and {@code apply}. */
final class HostOptions {

  @Option(names = "--accept-new-host-keys", description = "Trust and record host keys seen for the first time (like OpenSSH accept-new). Changed keys are still refused.")
  boolean acceptNewHostKeys;

  @Option(names = "--sudo-password-file", paramLabel = "FILE", description = "File holding the sudo password (else $PROVISION_SUDO_PASSWORD; never on the command line).")
  Path sudoPasswordFile;

  ConnectionSpecs specs(Duration connectTimeout) throws java.io.IOException {
    return new ConnectionSpecs(acceptNewHostKeys, connectTimeout, SudoPasswords.from(sudoPasswordFile));
  }
}
