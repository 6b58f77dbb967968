package dev.provision.cli;

import dev.provision.connection.ConnectionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sudo password, from a file or the environment; never from argv, never printed. */
final class SudoPasswords {

  static final String ENV = "PROVISION_SUDO_PASSWORD";

  private SudoPasswords() {}

  /** Null when there is no password (passwordless sudo, or root). */
  static ConnectionSpec.SudoPassword from(Path file) throws IOException {
    if (file != null) {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      char[] password = text.toCharArray();
      return password::clone;
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isEmpty()) {
      char[] password = env.toCharArray();
      return password::clone;
    }
    return null;
  }
}
