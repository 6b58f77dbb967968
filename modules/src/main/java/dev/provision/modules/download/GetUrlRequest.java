package dev.provision.modules.download;

import dev.provision.connection.Durations;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import dev.provision.modules.files.FileMode;
import dev.provision.modules.files.Ownership;
import dev.provision.modules.files.RemotePath;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validated arguments of one {@code get_url} task. Everything that may reach a shell is
 * checked here (URL, header names and values, owner, group, mode) and is quoted again where it
 * is used. A {@code ~} dest is expanded with {@code ansible_user_dir} when that variable is set;
 * otherwise the host's shell expands it (see {@link DestFact}).
 */
public record GetUrlRequest(
    URI url,
    RemotePath dest,
    FileMode mode,
    Ownership owners,
    Sha256 checksum,
    boolean onHost,
    Duration timeout,
    Path caBundle,
    Map<String, String> headers) {

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public static GetUrlRequest from(Params params, HostContext host) throws ModuleException {
    URI url = url(params.string("url"));
    RemotePath dest = home(RemotePath.of("dest", params.string("dest")), host);
    FileMode mode = FileMode.parse(params.raw("mode"));
    Ownership owners = Ownership.of(params.optString("owner").orElse(null), params.optString("group").orElse(null));
    Sha256 checksum = params.has("checksum") && !params.string("checksum").isBlank()
        ? Sha256.parseChecksum(params.string("checksum")) : null;
    Duration timeout = params.duration("timeout");
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ModuleException("timeout must be at least 1 second, not " + Durations.format(timeout));
    }
    Path ca = null;
    if (params.has("ca_bundle")) {
      ca = Path.of(params.string("ca_bundle"));
      if (!ca.isAbsolute()) {
        ca = Path.of(String.valueOf(host.vars().getOrDefault("playbook_dir", "."))).resolve(ca).normalize();
      }
    }
    return new GetUrlRequest(url, dest, mode, owners, checksum, params.string("download").equals("host"),
        timeout, ca, headers(params.map("headers"), host));
  }

  static URI url(String text) throws ModuleException {
    if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ' ')) {
      throw new ModuleException("url `" + text.strip() + "` holds a space or control character; encode it (%20)");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new ModuleException("url `" + text + "` is not valid: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new ModuleException("url `" + text + "` must be an http:// or https:// address with a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ModuleException("url must not hold a user name or password (they would show in logs); "
          + "send credentials with headers: {Authorization: ...}");
    }
    return uri;
  }

  private static RemotePath home(RemotePath dest, HostContext host) throws ModuleException {
    Object userDir = host.vars().get("ansible_user_dir");
    if (!dest.text().startsWith("~") || userDir == null || String.valueOf(userDir).isBlank()) {
      return dest;
    }
    String rest = dest.text().substring(1);
    return RemotePath.of("dest", String.valueOf(userDir).replaceAll("/+$", "") + rest);
  }

  private static Map<String, String> headers(Map<String, Object> given, HostContext host) throws ModuleException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : given.entrySet()) {
      String value = String.valueOf(e.getValue());
      if (!HEADER_NAME.matcher(e.getKey()).matches()) {
        throw new ModuleException("header name `" + e.getKey() + "` is not a valid HTTP header name");
      }
      if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        throw new ModuleException("the value of header " + e.getKey() + " holds a line break or NUL");
      }
      if (!value.isBlank()) {
        host.secret(value); // Authorization and tokens: never shown in output
      }
      out.put(e.getKey(), value);
    }
    return out;
  }

  /** How the source is named in messages: the URL without its query (which may hold a token). */
  public String source() {
    return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
  }
}
