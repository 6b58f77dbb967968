package dev.provision.cli;

import dev.provision.diag.DiagnosticsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Extra variables and secret files ({@code -e}, {@code --secrets}): a picocli mixin. */
final class VarsOptions {

  @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
      description = "key=value words, @file.yaml, or a YAML/JSON mapping; repeatable. Highest precedence, "
          + "connection variables (ansible_host, ansible_port...) included.")
  List<String> extraVars = new ArrayList<>();

  @Option(names = "--secrets", paramLabel = "FILE",
      description = "A YAML file of secret variables: their values never appear in any output.")
  List<Path> secretFiles = new ArrayList<>();

  @picocli.CommandLine.Mixin VaultOptions vault;

  /** The extra variables, read after the vault passwords are installed (an -e @file may be encrypted). */
  ExtraVars parse() throws DiagnosticsException {
    vault.install();
    return ExtraVars.parse(extraVars, secretFiles);
  }
}
