package dev.provision.connection.hostkey;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** Why a host key was refused, worded for the person who has to decide what to do about it. */
public record HostKeyRejection(
    String host, int port, String keyType, String fingerprint, Path knownHosts, HostKeyCheck check, String error) {

  public String message() {
    String name = KnownHosts.hostName(host, port);
    if (error != null) {
      return "cannot check the host key of " + name + ": " + knownHosts + ": " + error;
    }
    return switch (check.verdict()) {
      case UNKNOWN -> unknown(name);
      case CHANGED -> changed(name);
      case REVOKED -> "the " + keyType + " host key of " + name + " (" + fingerprint + ") is marked @revoked in "
          + knownHosts + " line " + check.lines().get(0) + "; refusing to connect";
      case KNOWN -> throw new IllegalStateException("a known key is not a rejection");
    };
  }

  private String unknown(String name) {
    String others = check.otherKeyTypes().isEmpty()
        ? ""
        : " (keys of other types are known for it: " + String.join(", ", check.otherKeyTypes()) + ")";
    String keyscanType = keyType.startsWith("ssh-") ? keyType.substring(4) : keyType.startsWith("ecdsa") ? "ecdsa" : keyType;
    return "host key of " + name + " is not known" + others + ": the server presented a " + keyType
        + " key with fingerprint " + fingerprint + ", which is not in " + knownHosts + ". "
        + "If that fingerprint is right, accept it with --accept-new-host-keys, or add it with `ssh-keyscan"
        + (port == 22 ? "" : " -p " + port) + " -t " + keyscanType + " " + host + " >> " + knownHosts + "`";
  }

  private String changed(String name) {
    String lines = check.lines().stream().map(String::valueOf).collect(Collectors.joining(", "));
    return "WARNING: HOST KEY OF " + name + " HAS CHANGED. Someone could be doing something nasty "
        + "(a man-in-the-middle attack), or the host was reinstalled. The server presented a " + keyType
        + " key with fingerprint " + fingerprint + ", but " + knownHosts + " line " + lines
        + " holds a different " + keyType + " key. Refusing to connect (--accept-new-host-keys never replaces a"
        + " changed key). If the change is expected, remove the old key with `ssh-keygen -R " + name + " -f "
        + knownHosts + "` and accept the new one";
  }
}
