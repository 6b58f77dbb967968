package dev.provision.modules;

/**
 * Why a network request got no answer, in words, from its cause chain: the JDK's HTTP client reports
 * a refused connection as a ConnectException around a message-less ClosedChannelException, which
 * would otherwise reach the user as a Java class name.
 */
public final class TransportFailure {

  private TransportFailure() {}

  /**
   * The reason {@code e} gives for a request to {@code at} (a URL or "the API server"); {@code
   * refusedHint}, when not null, follows a refused connection in brackets.
   */
  public static String describe(Throwable e, String at, String refusedHint) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      root = t;
      if (t instanceof java.net.http.HttpConnectTimeoutException) {
        return "cannot connect to " + at + ": no connection within the timeout";
      }
      if (t instanceof java.net.ConnectException) {
        return "cannot connect to " + at + ": connection refused" + (refusedHint == null ? "" : " (" + refusedHint + ")");
      }
      if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return "cannot resolve the host name of " + at;
      }
      if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return at + " did not answer in time";
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return "TLS with " + at + " failed: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
      }
      if (t instanceof java.nio.channels.ClosedChannelException || t instanceof java.io.EOFException
          || t.getMessage() != null && (t.getMessage().contains("closed") || t.getMessage().contains("no bytes"))) {
        return at + " closed the connection during the request";
      }
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
