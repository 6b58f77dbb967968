package dev.provision.modules.files;

/** A file on the host: its stat, its SHA-256 (regular files) and its text, null when too large. */
public record RemoteFile(PathStat stat, String sha256, String content) {

  /** Whether the content read is UTF-8 text that re-encodes to the very bytes read (so an edit garbles nothing). */
  public boolean isUtf8Text() {
    return content != null && Checksums.sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)).equals(sha256);
  }
}
