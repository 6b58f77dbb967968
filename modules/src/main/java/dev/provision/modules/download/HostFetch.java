package dev.provision.modules.download;

import dev.provision.connection.Shell;
import dev.provision.modules.files.AtomicScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shell function {@code provision_fetch} that downloads the URL to stdout on the host, with
 * curl, or wget where curl is missing. TLS is always verified (no {@code -k}); an extra CA bundle
 * is added to the host's own CAs and fed on stdin, so nothing is written to the host for it.
 * {@code timeout} bounds connecting and any stall (no bytes for that long), not the whole
 * transfer, so a large binary on a slow link still completes.
 *
 * <p>The URL (its query may hold a token) and the headers (Authorization) never go on the tool's
 * command line, which every user of the host can read with {@code ps}: curl reads them from a
 * config on file descriptor 3, wget the URL from an input file on descriptor 4, both here-documents
 * of the script (which itself travels on stdin, see the connection). wget can take headers only as
 * arguments, so with headers it is refused and curl is required.
 */
final class HostFetch {

  /** Where distributions keep the system CA bundle; the first one found is used. */
  private static final List<String> SYSTEM_BUNDLES = List.of("/etc/ssl/certs/ca-certificates.crt",
      "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem");

  static final int NO_TOOL = 127;

  /** The host has only wget, and the request has headers that wget would show in its argv. */
  static final int WGET_WOULD_SHOW_HEADERS = 123;

  /** The here-document delimiter; no line of a URL or a header can be it (neither holds a line break). */
  private static final String END = "PROVISION_FETCH_INPUT";

  /** Printed on stderr when the host's download fails, with curl's or wget's own exit code. */
  static final String FETCH_EXIT = "provision_fetch_exit=";

  /** The fill step of the install: the download into the temporary file, failing with the tool's exit code. */
  static final String INTO_TEMP = "provision_fetch > " + AtomicScript.TEMP + "; rc=$?; [ \"$rc\" = 0 ] || { echo \""
      + FETCH_EXIT + "$rc\" >&2; exit " + AtomicScript.FILL_FAILED + "; }";

  private HostFetch() {}

  /**
   * The function definition, several lines ending with {@code "}"}; call it as {@code provision_fetch},
   * its exit code is the tool's.
   */
  static String function(String url, long timeoutSeconds, Map<String, String> headers, String caPem) {
    List<String> curl = new ArrayList<>(List.of("curl", "-fsSL", "--proto", "=http,https", "--proto-redir",
        "=http,https", "--connect-timeout", Long.toString(timeoutSeconds), "--speed-limit", "1", "--speed-time",
        Long.toString(timeoutSeconds)));
    List<String> wget = new ArrayList<>(List.of("wget", "-q", "-T", Long.toString(timeoutSeconds), "-O", "-"));
    if (caPem != null) {
      curl.addAll(List.of("--cacert", "/dev/stdin"));
      wget.add("--ca-certificate=/dev/stdin");
    }
    curl.addAll(List.of("-K", "/dev/fd/3"));
    wget.addAll(List.of("-i", "/dev/fd/4"));
    StringBuilder config = new StringBuilder("url = ").append(curlString(url)).append('\n');
    headers.forEach((name, value) -> config.append("header = ").append(curlString(name + ": " + value)).append('\n'));
    String feed = caPem == null ? "" : caFeed(caPem) + " | ";
    String wgetBranch = headers.isEmpty()
        ? feed + Shell.join(wget) + " 4<<'" + END + "'\n" + url + "\n" + END + "\n"
        : "echo 'this host has only wget, which would show the request headers in its command line; install curl'"
            + " >&2; return " + WGET_WOULD_SHOW_HEADERS + "\n";
    return "provision_fetch() {\n"
        + "if command -v curl >/dev/null 2>&1; then " + feed + Shell.join(curl) + " 3<<'" + END + "'\n"
        + config + END + "\n"
        + "elif command -v wget >/dev/null 2>&1; then " + wgetBranch
        + "else echo 'neither curl nor wget is installed on this host' >&2; return " + NO_TOOL + "; fi\n}";
  }

  /** A string of curl's config file: double-quoted, with backslash and quote escaped. */
  private static String curlString(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** The host's CA bundle followed by the extra PEM, on stdout. */
  private static String caFeed(String caPem) {
    StringBuilder s = new StringBuilder("{ for f in");
    SYSTEM_BUNDLES.forEach(f -> s.append(' ').append(f));
    return s.append("; do [ -f \"$f\" ] && cat \"$f\" && break; done; printf '%s\\n' ")
        .append(Shell.quote(caPem)).append("; }").toString();
  }
}
