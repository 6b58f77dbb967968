package dev.provision.modules.http;

import dev.provision.modules.TransportFailure;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.TransferProgress;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * TLS is always verified; {@code ca_bundle} adds CAs.
 */
public final class HttpGetModule implements Module {

  /** 16 MiB: far more than a version file or an API answer, far less than the JVM's heap. */
  static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Reads a URL from the control node (no host connection), for values such as a release's stable.txt.")
      .note("Read-only, so always ok and run in plans too. TLS is always verified, host name included; `ca_bundle`"
          + " adds CAs to the JDK's own. A status not in `status_code` fails the task, with the response"
          + " registered. Progress (bytes and rate) shows while the body arrives; no byte for `timeout` fails the task"
          + " (\"no progress for 3 s\"), and so do a redirect loop, a body past `max_body`, and a body that does"
          + " not match `content_pattern` (an HTML page is named as one).")
      .returns("status", "the HTTP status")
      .returns("body", "the body as text")
      .returns("content", "the body, trimmed")
      .returns("headers", "response headers, lower-case names")
      .returns("url", "the final URL, after redirects")
      .example("""
              - name: the latest KubeVirt release
                http_get: {url: "{{ kubevirt_mirror }}/stable.txt"}
                register: stable
              """)
      .param(Param.string("url").required().describedAs("http:// or https:// address"))
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
    URI uri = HttpUrls.parse(params.string("url"));
    Duration timeout = HttpUrls.timeout(params);
    List<Integer> accepted = HttpUrls.statusCodes(params);
    Pattern pattern = contentPattern(params);
    long maxBody = params.integer("max_body");
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout);
    params.map("headers").forEach((k, v) -> request.header(k, String.valueOf(v)));
    HttpResponse<java.io.InputStream> response = send(client(params, host, timeout), request.build(), uri);
    String redirect = HttpBodies.unfollowedRedirect(response);
    if (redirect != null) {
      close(response);
      throw new ModuleException("GET " + uri + ": " + redirect);
    }
    String body = body(response, uri, host, timeout, maxBody);

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

  private static void close(HttpResponse<java.io.InputStream> response) {
    try {
      response.body().close();
    } catch (IOException e) {
      // nothing more is read from it
    }
  }

  /**
   * The body as text (its Content-Type's charset, else UTF-8), read with a progress line, at most
   * {@code maxBody} bytes, failing when no byte came for {@code stall}.
   */
  private static String body(HttpResponse<java.io.InputStream> response, URI uri, HostContext host, Duration stall,
      long maxBody) throws ModuleException {
    java.nio.charset.Charset charset = charset(response.headers().firstValue("Content-Type").orElse(""));
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
    try (java.io.InputStream in = new TransferProgress(HttpBodies.stallGuarded(response.body(), stall), "GET " + uri,
        length, host::progress)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (kept.size() + (long) n > maxBody) {
          throw new ModuleException("GET " + uri + ": the body is larger than max_body (" + maxBody
              + " bytes); http_get is for small answers, get_url downloads files");
        }
        kept.write(buffer, 0, n);
      }
      return kept.toString(charset);
    } catch (IOException e) {
      throw new ModuleException("GET " + uri + " failed while reading the body: " + (e.getMessage() != null
          ? e.getMessage() : e.getClass().getSimpleName()), e);
    }
  }

  private static java.nio.charset.Charset charset(String contentType) {
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        try {
          return java.nio.charset.Charset.forName(p.substring(8).replace("\"", "").strip());
        } catch (IllegalArgumentException e) {
          break;
        }
      }
    }
    return java.nio.charset.StandardCharsets.UTF_8;
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

  private static HttpResponse<java.io.InputStream> send(HttpClient client, HttpRequest request, URI uri)
      throws ModuleException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (SSLException e) {
      throw new ModuleException("GET " + uri + ": TLS verification failed (" + e.getMessage()
          + "); if the server uses a private CA, give it with ca_bundle", e);
    } catch (IOException e) {
      throw new ModuleException("GET " + uri + " failed: " + TransportFailure.describe(e, "the server", null), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("GET " + uri + " was interrupted", e);
    }
  }
}
