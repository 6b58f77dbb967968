package dev.provision.modules.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.json.Json;
import dev.provision.modules.TransportFailure;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.io.IOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code uri}: an HTTP request from the control node (as {@code http_get}, so the controller's view
 * of an API, with no host connection). A safe method ({@code GET}, {@code HEAD}, {@code OPTIONS})
 * only reads, so it runs in a plan too and is "ok"; any other method is a change: the plan says
 * "would POST url" and sends nothing, the apply sends it once. The password, the headers and the
 * Authorization value are secrets, kept out of every output.
 */
public final class UriModule implements Module {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Sends an HTTP request from the control node; reads (GET, HEAD, OPTIONS) run in a plan too, other methods are a change.")
      .note("Runs on the control node, as http_get does (Ansible runs uri on the managed host). Response headers are registered as lower-case keys (content_type), content with return_content or on a failed status, json when the body is JSON. Credentials answer a 401 challenge (or go first with force_basic_auth) and never appear in output.")
      .example("""
          - name: health
            uri: {url: "http://127.0.0.1:8080/healthz", return_content: true}
            register: health
          """)
      .param(Param.string("url").required().describedAs("an http:// or https:// address"))
      .param(Param.string("method").defaultsTo("GET").describedAs("GET, HEAD and OPTIONS read; others are a change"))
      .param(Param.any("body").describedAs("the request body: text, or a map/list with body_format json or form-urlencoded"))
      .param(Param.string("body_format").choices("raw", "json", "form-urlencoded").defaultsTo("raw")
          .describedAs("json and form-urlencoded encode body and set the Content-Type"))
      .param(Param.map("headers").secret().describedAs("request headers; values are kept out of output"))
      .param(Param.list("status_code").defaultsTo(List.of(200L)).describedAs("accepted status codes"))
      .param(Param.bool("return_content").defaultsTo(false).describedAs("register the body as content"))
      .param(Param.bool("validate_certs").defaultsTo(true)
          .describedAs("false: accept any TLS certificate and host name (for test servers only)"))
      .param(Param.string("ca_path").aliases("ca_bundle").describedAs("PEM file of extra CAs, relative to the playbook"))
      .param(Param.string("url_username").aliases("user").describedAs("basic authentication user"))
      .param(Param.string("url_password").aliases("password").secret().describedAs("basic authentication password"))
      .param(Param.bool("force_basic_auth").defaultsTo(false)
          .describedAs("send the credentials with the first request, not only after a 401 challenge"))
      .param(Param.string("follow_redirects").defaultsTo("safe").choices("all", "none", "safe", "urllib2", "yes", "no")
          .describedAs("safe: follow redirects of GET and HEAD only"))
      .param(Param.duration("timeout").defaultsTo(30L).describedAs("seconds, or 30s, 2m..."))
      .param(Param.string("dest").notSupportedYet("use get_url to download to a file").describedAs("not supported yet"))
      .param(Param.string("src").notSupportedYet("give the body inline").describedAs("not supported yet"))
      .param(Param.string("creates").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.string("removes").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.string("unix_socket").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.string("client_cert").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.string("client_key").notSupportedYet(null).describedAs("not supported yet"))
      .build();

  @Override
  public String name() {
    return "uri";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("uri");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** The request, ready to send; {@code describe} names only the method and the address. */
  private record Request(HttpClient client, HttpRequest request, String method, URI uri, List<Integer> accepted,
      boolean returnContent) implements Action {

    @Override
    public String describe() {
      return method + " " + uri;
    }

    @Override
    public Map<String, Object> apply(HostContext host) throws ModuleException {
      return send(this);
    }
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    String method = params.stringOr("method", "GET").toUpperCase(Locale.ROOT);
    if (!method.matches("[A-Z]{1,20}")) {
      throw new ModuleException("method `" + method + "` is not an HTTP method");
    }
    URI uri = HttpUrls.parse(params.string("url"));
    Duration timeout = HttpUrls.timeout(params);
    List<Integer> accepted = HttpUrls.statusCodes(params);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
    Map<String, Object> headers = params.map("headers");
    headers.forEach((k, v) -> host.secret(String.valueOf(v)));
    for (Map.Entry<String, Object> h : headers.entrySet()) {
      try {
        request.header(h.getKey(), String.valueOf(h.getValue()));
      } catch (IllegalArgumentException e) {
        throw new ModuleException("header `" + h.getKey() + "` cannot be set: " + e.getMessage());
      }
    }
    boolean hasType = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Content-Type"));
    String body = body(params, request, hasType);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));

    String user = params.optString("url_username").orElse(null);
    String password = params.optString("url_password").orElse("");
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(redirects(params.stringOr("follow_redirects", "safe"), method));
    if (user != null) {
      host.secret(password);
      if (params.bool("force_basic_auth")) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        host.secret(token);
        request.header("Authorization", "Basic " + token);
      } else {
        client.authenticator(new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication(user, password.toCharArray());
          }
        });
      }
    }
    client.sslContext(ssl(params, host));
    Request call = new Request(client.build(), request.build(), method, uri, accepted, params.bool("return_content"));
    if (SAFE.contains(method)) {
      Map<String, Object> data = send(call);
      return Plan.noop(method + " " + uri + " returned " + data.get("status"), data);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("url", uri.toString());
    return Plan.change(method + " " + uri, call).withResult(result);
  }

  private static String body(Params params, HttpRequest.Builder request, boolean hasType) throws ModuleException {
    Object raw = params.raw("body");
    if (raw == null) {
      return null;
    }
    switch (params.stringOr("body_format", "raw")) {
      case "json" -> {
        if (!hasType) {
          request.header("Content-Type", "application/json");
        }
        return raw instanceof String s ? s : Json.write(raw);
      }
      case "form-urlencoded" -> {
        if (!hasType) {
          request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (raw instanceof String s) {
          return s;
        }
        if (!(raw instanceof Map<?, ?> map)) {
          throw new ModuleException("body_format form-urlencoded needs body as a map (or already encoded text)");
        }
        List<String> pairs = new ArrayList<>();
        map.forEach((k, v) -> pairs.add(URLEncoder.encode(String.valueOf(k), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(v == null ? "" : String.valueOf(v), StandardCharsets.UTF_8)));
        return String.join("&", pairs);
      }
      default -> {
        return raw instanceof String s ? s : Json.write(raw);
      }
    }
  }

  private static HttpClient.Redirect redirects(String mode, String method) {
    return switch (mode) {
      case "none", "no" -> HttpClient.Redirect.NEVER;
      case "safe" -> SAFE.contains(method) ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER;
      default -> HttpClient.Redirect.ALWAYS;
    };
  }

  private static SSLContext ssl(Params params, HostContext host) throws ModuleException {
    try {
      if (!params.bool("validate_certs")) {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        return context;
      }
      if (params.has("ca_path") && params.raw("ca_path") != null) {
        Path pem = Path.of(params.string("ca_path"));
        if (!pem.isAbsolute()) {
          pem = Path.of(String.valueOf(host.vars().getOrDefault("playbook_dir", "."))).resolve(pem);
        }
        return CaBundle.sslContext(pem);
      }
      return SSLContext.getDefault();
    } catch (java.security.GeneralSecurityException e) {
      throw new ModuleException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> send(Request call) throws ModuleException {
    HttpResponse<String> response;
    try {
      response = call.client().send(call.request(), HttpResponse.BodyHandlers.ofString());
    } catch (SSLException e) {
      throw new ModuleException(call.describe() + ": TLS verification failed (" + e.getMessage()
          + "); if the server uses a private CA, give it with ca_path", e);
    } catch (IOException e) {
      throw new ModuleException(call.describe() + " failed: " + TransportFailure.describe(e, "the server", null), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException(call.describe() + " was interrupted", e);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("url", response.uri().toString());
    data.put("status", (long) response.statusCode());
    data.put("redirected", !response.uri().equals(call.uri()));
    data.put("msg", "OK (" + response.body().getBytes(StandardCharsets.UTF_8).length + " bytes)");
    response.headers().map().forEach((k, v) -> data.putIfAbsent(
        k.toLowerCase(Locale.ROOT).replace('-', '_'), String.join(", ", v)));
    String type = response.headers().firstValue("content-type").orElse("");
    boolean failed = !call.accepted().contains(response.statusCode());
    if (call.returnContent() || failed) {
      data.put("content", response.body());
    }
    if (call.returnContent() && (type.contains("json") || type.contains("+json"))) {
      try {
        data.put("json", JSON.readValue(response.body(), Object.class));
      } catch (IOException e) {
        // Ansible keeps content and leaves json out when the body is not JSON after all
      }
    }
    if (failed) {
      throw new ModuleException(call.describe() + " returned status " + response.statusCode() + ", expected "
          + (call.accepted().size() == 1 ? call.accepted().get(0) : "one of " + call.accepted()), data);
    }
    return data;
  }

  /** validate_certs: false. Also skips the host-name check, which the JDK makes in the trust manager. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
