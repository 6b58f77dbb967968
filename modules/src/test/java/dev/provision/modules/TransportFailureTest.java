package dev.provision.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class TransportFailureTest {

  @Test
  void aRefusedConnectionIsWordedNotNamedByItsJavaClass() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort(); // closed again: nothing listens there now
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).build();
    IOException e = assertThrows(IOException.class,
        () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()));
    assertThat(TransportFailure.describe(e, "the server", null)).isEqualTo("cannot connect to the server: connection refused");
    assertThat(TransportFailure.describe(e, "the server", "is it running?"))
        .isEqualTo("cannot connect to the server: connection refused (is it running?)");
  }

  @Test
  void otherCausesKeepTheirMessage() {
    assertThat(TransportFailure.describe(new IOException("Received RST_STREAM"), "x", null)).isEqualTo("Received RST_STREAM");
    assertThat(TransportFailure.describe(new IOException(new java.nio.channels.UnresolvedAddressException()), "x", null))
        .isEqualTo("cannot resolve the host name of x");
  }
}
