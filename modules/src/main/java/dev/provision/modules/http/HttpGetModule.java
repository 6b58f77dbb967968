package dev.provision.modules.http;

import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.net.ssl.SSLException;

/**
 * {@code http_get}: a GET from the control node (no host connection), for values such as a
 * release's {@code stable.txt}. Registers {@code status}, {@code body}, {@code content} (body
 * trimmed), {@code headers} and {@code url}. Read-only, so always "ok" and run in plan mode too.
 * TLS is always verified; {@code ca_bundle} adds CAs. The body is read while it keeps coming (no
 * byte for {@code timeout} fails the task), up to {@code max_body}; {@code content_pattern} refuses
 * a body that is not what was expected.
 */
public final class HttpGetModule implements Module {

  /** 16 MiB: far more than a version file or an API answer, far less than the JVM's heap. */
  static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .param(Param.string("url").required())
      .param(Param.map("headers").secret().describedAs("request headers; values are kept out of output"))
      .param(Param.duration("timeout").defaultsTo(30L).describedAs("seconds, or 30s, 2m..."))
      .param(Param.list("status_code").defaultsTo(List.of(200L)).describedAs("accepted status codes"))
      .param(Param.string("ca_bundle").describedAs("PEM file of extra CAs, relative to the playbook"))
      .param(Param.string("content_pattern").describedAs("a regular expression the trimmed body must contain "
          + "(anchor it: `^v\\d+\\.\\d+\\.\\d+$`), so an error or captive-portal page never flows on"))
      .param(Param.integer("max_body").defaultsTo(DEFAULT_MAX_BODY)
          .describedAs("bytes of body kept at most; a longer body fails the task"))
      .build();

  @Override
  public String name() {
    return "http_get";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    URI uri = uri(params.string("url"));
    Duration given = params.duration("timeout");
    Duration timeout = given.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : given;
    List<Integer> accepted = new ArrayList<>();
    for (String code : params.strings("status_code")) {
      try {
        accepted.add(Integer.parseInt(code.trim()));
      } catch (NumberFormatException e) {
        throw new ModuleException("status_code `" + code + "` is not a number");
      }
    }
    Pattern pattern = contentPattern(params);
    long maxBody = params.integer("max_body");
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout);
    params.map("headers").forEach((k, v) -> request.header(k, String.valueOf(v)));
    HttpResponse<InputStream> response = send(client(params, host, timeout), request.build(), uri);
    String redirect = HttpBodies.unfollowedRedirect(response);
    if (redirect != null) {
      close(response);
      throw new ModuleException("GET " + uri + ": " + redirect);
    }
    String body = read(response, uri, timeout, maxBody);

    Map<String, Object> data = new LinkedHashMap<>();
    data.put("url", response.uri().toString());
    data.put("status", (long) response.statusCode());
    data.put("body", body);
    data.put("content", body.strip());
    Map<String, Object> headers = new LinkedHashMap<>();
    response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
    data.put("headers", headers);
    if (!accepted.contains(response.statusCode())) {
      throw new ModuleException("GET " + uri + " returned status " + response.statusCode() + ", expected "
          + (accepted.size() == 1 ? accepted.get(0) : "one of " + accepted), data);
    }
    if (pattern != null && !pattern.matcher(body.strip()).find()) {
      throw new ModuleException("GET " + uri + " returned content that does not match content_pattern `"
          + pattern.pattern() + "`: " + describe(body, response), data);
    }
    return Plan.noop("GET " + uri + " returned " + response.statusCode(), data);
  }

  private static Pattern contentPattern(Params params) throws ModuleException {
    if (!params.has("content_pattern")) {
      return null;
    }
    try {
      return Pattern.compile(params.string("content_pattern"), Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      throw new ModuleException("content_pattern is not a valid regular expression: " + e.getDescription()
          + " near index " + e.getIndex());
    }
  }

  /** What came instead: an HTML page is named as one (a captive portal or an error page), else its start. */
  private static String describe(String body, HttpResponse<?> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    String start = body.strip();
    if (type.toLowerCase(Locale.ROOT).contains("html") || start.regionMatches(true, 0, "<!doctype html", 0, 14)
        || start.regionMatches(true, 0, "<html", 0, 5)) {
      return "an HTML page (" + body.length() + " characters; a captive portal, a proxy or an error page?)";
    }
    String firstLine = start.lines().findFirst().orElse("");
    return firstLine.length() > 80 ? "`" + firstLine.substring(0, 80) + "…`" : "`" + firstLine + "`";
  }

  /** The body as text, at most {@code maxBody} bytes, failing when the server stops sending. */
  private static String read(HttpResponse<InputStream> response, URI uri, Duration stall, long maxBody)
      throws ModuleException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    try (InputStream in = HttpBodies.stallGuarded(response.body(), stall)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (kept.size() + (long) n > maxBody) {
          throw new ModuleException("GET " + uri + ": the body is larger than max_body (" + maxBody
              + " bytes); http_get is for small answers, get_url downloads files");
        }
        kept.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new ModuleException("GET " + uri + " failed: " + (e.getMessage() != null ? e.getMessage()
          : e.getClass().getSimpleName()), e);
    }
    return kept.toString(charset(response));
  }

  private static Charset charset(HttpResponse<?> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    for (String part : type.split(";")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        try {
          return Charset.forName(p.substring(8).replace("\"", ""));
        } catch (IllegalArgumentException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException e) {
      // nothing more is read from it
    }
  }

  private static URI uri(String url) throws ModuleException {
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

  private static HttpClient client(Params params, HostContext host, Duration timeout) throws ModuleException {
    HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(timeout);
    if (params.has("ca_bundle")) {
      Path pem = Path.of(params.string("ca_bundle"));
      if (!pem.isAbsolute()) {
        pem = Path.of(String.valueOf(host.vars().getOrDefault("playbook_dir", "."))).resolve(pem);
      }
      builder.sslContext(CaBundle.sslContext(pem));
    }
    return builder.build();
  }

  private static HttpResponse<InputStream> send(HttpClient client, HttpRequest request, URI uri)
      throws ModuleException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (SSLException e) {
      throw new ModuleException("GET " + uri + ": TLS verification failed (" + e.getMessage()
          + "); if the server uses a private CA, give it with ca_bundle", e);
    } catch (IOException e) {
      throw new ModuleException("GET " + uri + " failed: " + (e.getMessage() != null ? e.getMessage()
          : e.getClass().getSimpleName()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("GET " + uri + " was interrupted", e);
    }
  }
}
