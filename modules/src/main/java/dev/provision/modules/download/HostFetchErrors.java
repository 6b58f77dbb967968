package dev.provision.modules.download;

import dev.provision.connection.CommandResult;

/** Why curl or wget on a host failed, in words, from their exit codes and messages. */
final class HostFetchErrors {

  private HostFetchErrors() {}

  static String explain(GetUrlRequest request, CommandResult result) {
    String said = result.stderr() == null ? "" : result.stderr().strip();
    String why = switch (result.exitCode()) {
      case HostFetch.NO_TOOL -> "neither curl nor wget is installed on the host (install curl, or use download: control)";
      case HostFetch.WGET_WOULD_SHOW_HEADERS ->
          "the host has only wget, which would show the request headers (a token) to every user in its command line;"
              + " install curl on the host, or use download: control";
      case 6 -> "the host cannot resolve the server's name";
      case 7 -> "the host cannot connect to the server";
      case 22 -> "the server answered with an HTTP error";
      case 28 -> "the download timed out (timeout: " + request.timeout().toSeconds() + "s without progress)";
      case 35, 60, 77, 83 -> "TLS verification failed; if the server uses a private CA, give it with ca_bundle";
      default -> "the download command exited " + result.exitCode();
    };
    if (said.contains("certificate") && !why.startsWith("TLS")) {
      why = "TLS verification failed; if the server uses a private CA, give it with ca_bundle";
    }
    return "the host could not download " + request.source() + ": " + why
        + (said.isEmpty() ? "" : " (" + said.lines().reduce((a, b) -> b).orElse(said) + ")");
  }
}
