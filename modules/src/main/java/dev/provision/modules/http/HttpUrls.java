package dev.provision.modules.http;

import dev.provision.module.ModuleException;
import java.net.URI;
import java.net.URISyntaxException;

/** The one check of a URL that http_get and uri fetch: http(s) with a host, or a clear refusal. */
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
}
