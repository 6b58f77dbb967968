package dev.provision.modules.download;

import dev.provision.modules.files.PathStat;

/**
 * The destination as the host sees it: its absolute path ({@code ~} expanded by the host), whether
 * its directory exists, its stat, and the SHA-256 of its content when it is a regular file.
 */
public record DestState(String path, boolean directoryExists, PathStat stat, Sha256 sha256) {

  public String directory() {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
