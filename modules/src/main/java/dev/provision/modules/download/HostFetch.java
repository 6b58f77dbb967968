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
 */
final class HostFetch {

  /** Where distributions keep the system CA bundle; the first one found is used. */
  private static final List<String> SYSTEM_BUNDLES = List.of("/etc/ssl/certs/ca-certificates.crt",
      "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem");

  static final int NO_TOOL = 127;

  /** Printed on stderr when the host's download fails, with curl's or wget's own exit code. */
  static final String FETCH_EXIT = "provision_fetch_exit=";

  /** The fill step of the install: the download into the temporary file, failing with the tool's exit code. */
  static final String INTO_TEMP = "provision_fetch > " + AtomicScript.TEMP + "; rc=$?; [ \"$rc\" = 0 ] || { echo \""
      + FETCH_EXIT + "$rc\" >&2; exit " + AtomicScript.FILL_FAILED + "; }";

  private HostFetch() {}

  /** The function definition; call it as {@code provision_fetch}, its exit code is the tool's. */
  static String function(String url, long timeoutSeconds, Map<String, String> headers, String caPem) {
    List<String> curl = new ArrayList<>(List.of("curl", "-fsSL", "--proto", "=http,https", "--proto-redir",
        "=http,https", "--connect-timeout", Long.toString(timeoutSeconds), "--speed-limit", "1", "--speed-time",
        Long.toString(timeoutSeconds)));
    List<String> wget = new ArrayList<>(List.of("wget", "-q", "-T", Long.toString(timeoutSeconds), "-O", "-"));
    if (caPem != null) {
      curl.addAll(List.of("--cacert", "/dev/stdin"));
      wget.add("--ca-certificate=/dev/stdin");
    }
    headers.forEach((name, value) -> {
      curl.addAll(List.of("-H", name + ": " + value));
      wget.add("--header=" + name + ": " + value);
    });
    curl.add(url);
    wget.add(url);
    String feed = caPem == null ? "" : caFeed(caPem) + " | ";
    return "provision_fetch() { if command -v curl >/dev/null 2>&1; then " + feed + Shell.join(curl) + "; "
        + "elif command -v wget >/dev/null 2>&1; then " + feed + Shell.join(wget) + "; "
        + "else echo 'neither curl nor wget is installed on this host' >&2; return " + NO_TOOL + "; fi; }";
  }

  /** The host's CA bundle followed by the extra PEM, on stdout. */
  private static String caFeed(String caPem) {
    StringBuilder s = new StringBuilder("{ for f in");
    SYSTEM_BUNDLES.forEach(f -> s.append(' ').append(f));
    return s.append("; do [ -f \"$f\" ] && cat \"$f\" && break; done; printf '%s\\n' ")
        .append(Shell.quote(caPem)).append("; }").toString();
  }
}
