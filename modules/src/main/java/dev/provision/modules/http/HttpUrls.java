package dev.provision.modules.http;

import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What http_get and uri read alike: the URL (http(s) with a host, or a clear refusal), the
 * timeout and the accepted status codes.
 */
final class HttpUrls {

  private HttpUrls() {}

  static URI parse(String url) throws ModuleException {
    try {
      URI uri = new URI(url);
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null) {
        throw new ModuleException("url `" + url + "` must be an http:// or https:// address with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ModuleException("url `" + url + "` is not valid: " + e.getReason());
    }
  }

  /** {@code timeout}, at least one second. */
  static Duration timeout(Params params) throws ModuleException {
    Duration given = params.duration("timeout");
    return given.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : given;
  }

  /** {@code status_code}: the codes a response may have. */
  static List<Integer> statusCodes(Params params) throws ModuleException {
    List<Integer> accepted = new ArrayList<>();
    for (String code : params.strings("status_code")) {
      try {
        accepted.add(Integer.parseInt(code.trim()));
      } catch (NumberFormatException e) {
        throw new ModuleException("status_code `" + code + "` is not a number");
      }
    }
    return accepted;
  }
}
