package dev.provision.modules.files;

import dev.provision.connection.Command;
import dev.provision.module.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content a {@link FileWrite} puts in a file: bytes in memory, or a control-node file larger
 * than {@link FileContentFact#LIMIT} that is never read whole (its SHA-256 is read through once, and
 * the upload streams it), so copying a 1 GiB file does not need 1 GiB of heap. Such a file is never
 * shown in a diff anyway, and a later task of the plan cannot plan on its content.
 *
 * @param bytes the content, or null for {@code file}
 * @param file the control-node file streamed, or null for {@code bytes}
 */
record NewContent(byte[] bytes, Path file, long size, String sha256) {

  static NewContent of(byte[] bytes) {
    return new NewContent(bytes, null, bytes.length, Checksums.sha256(bytes));
  }

  /** A control-node file: read into memory when small enough to show, else streamed. */
  static NewContent of(Path file) throws ModuleException {
    try {
      long size = Files.size(file);
      if (size <= FileContentFact.LIMIT) {
        return of(Files.readAllBytes(file));
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long read = 0;
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          read += n;
        }
      }
      return new NewContent(null, file, read, HexFormat.of().formatHex(digest.digest()));
    } catch (IOException e) {
      throw new ModuleException("cannot read src " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** {@code command} with this content on its stdin. */
  Command onStdin(Command command) {
    return bytes != null ? command.withStdin(bytes) : command.withStdinFile(file);
  }

  /** What a diff shows of it. */
  String shown() {
    return bytes != null ? FileWrite.shown(bytes) : "(" + size + " bytes, too large to show)\n";
  }
}
