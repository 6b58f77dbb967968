package dev.provision.modules.download;

import dev.provision.modules.TransportFailure;
import dev.provision.module.ModuleException;
import dev.provision.modules.TransferProgress;
import dev.provision.modules.http.CaBundle;
import dev.provision.modules.http.HttpBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * One GET on the control node, streamed into a file while its SHA-256 is computed. TLS is always
 * verified with the JDK's CAs, plus {@code ca_bundle} when given; redirects are followed except
 * from https to http. The body must keep coming: no byte for the task's {@code timeout} fails it
 * ({@link HttpBodies#stallGuarded}). A conditional request ({@code If-None-Match}, {@code If-Modified-Since})
 * lets an unchanged file stay in the cache without being sent again.
 */
final class HttpDownloader {

  /** What the server sent: {@code notModified}, or the body's digest and size plus its validators. */
  record Fetched(boolean notModified, Sha256 sha256, long size, String etag, String lastModified) {}

  private HttpDownloader() {}

  static Fetched fetch(GetUrlRequest request, Path into, String etag, String lastModified, Consumer<String> progress)
      throws ModuleException {
    HttpClient.Builder client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(request.timeout());
    if (request.caBundle() != null) {
      client.sslContext(CaBundle.sslContext(request.caBundle()));
    }
    HttpRequest.Builder get = HttpRequest.newBuilder(request.url()).GET().timeout(request.timeout());
    request.headers().forEach(get::header);
    if (etag != null) {
      get.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      get.header("If-Modified-Since", lastModified);
    }
    try {
      HttpResponse<InputStream> response = client.build().send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() == 304 && (etag != null || lastModified != null)) {
          return new Fetched(true, null, 0, etag, lastModified);
        }
        String redirect = HttpBodies.unfollowedRedirect(response);
        if (redirect != null) {
          throw new ModuleException("GET " + request.source() + ": " + redirect);
        }
        if (response.statusCode() / 100 != 2) {
          throw new ModuleException("GET " + request.source() + " returned status " + response.statusCode());
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long size;
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        InputStream counted = new TransferProgress(HttpBodies.stallGuarded(body, request.timeout()),
            "downloading " + request.source(), length, progress);
        try (InputStream in = new DigestInputStream(counted, digest); OutputStream out = Files.newOutputStream(into)) {
          size = in.transferTo(out);
        }
        return new Fetched(false, new Sha256(HexFormat.of().formatHex(digest.digest())), size,
            response.headers().firstValue("ETag").orElse(null),
            response.headers().firstValue("Last-Modified").orElse(null));
      }
    } catch (SSLException e) {
      throw new ModuleException("GET " + request.source() + ": TLS verification failed (" + e.getMessage()
          + "); if the server uses a private CA, give it with ca_bundle", e);
    } catch (HttpBodies.Stalled e) {
      throw new ModuleException("GET " + request.source() + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ModuleException("GET " + request.source() + " failed: "
          + TransportFailure.describe(e, "the server", null), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("GET " + request.source() + " was interrupted", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** SHA-256 of a file, streamed. */
  static Sha256 digest(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return new Sha256(HexFormat.of().formatHex(digest.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
