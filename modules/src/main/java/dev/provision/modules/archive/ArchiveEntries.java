package dev.provision.modules.archive;

import dev.provision.module.ModuleException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The regular files of an archive on the control node and the SHA-256 of each, read in Java (zip with
 * {@code java.util.zip}; tar, plain or gzip, with a small ustar/GNU/pax reader), so the plan can
 * compare them with the host's files before anything is sent. Names that climb out of the
 * destination ({@code ..}, absolute) are refused, as tar and unzip would at best warn.
 */
final class ArchiveEntries {

  private ArchiveEntries() {}

  static Map<String, String> read(ArchiveFormat format, byte[] archive) throws ModuleException {
    try {
      return format == ArchiveFormat.ZIP ? zip(archive) : tar(format == ArchiveFormat.TAR_GZ
          ? new GZIPInputStream(new ByteArrayInputStream(archive)) : new ByteArrayInputStream(archive));
    } catch (IOException e) {
      throw new ModuleException("cannot read the archive as " + format.word() + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> zip(byte[] archive) throws IOException, ModuleException {
    Map<String, String> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.isDirectory()) {
          out.put(checked(e.getName()), sha256(in.readAllBytes()));
        }
      }
    }
    if (out.isEmpty() && archive.length > 0 && !(archive[0] == 'P' && archive[1] == 'K')) {
      throw new IOException("not a zip file");
    }
    return out;
  }

  private static Map<String, String> tar(InputStream in) throws IOException, ModuleException {
    Map<String, String> out = new LinkedHashMap<>();
    String longName = null;
    try (in) {
      while (true) {
        byte[] header = in.readNBytes(512);
        if (header.length < 512 || allZero(header)) {
          break;
        }
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        byte[] data = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (type == 'x') {
          for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int eq = record.indexOf(" path=");
            if (eq >= 0) {
              longName = record.substring(eq + 6);
            }
          }
          continue;
        }
        String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
        longName = null;
        if (type == '0' || type == '\0' || type == '7') {
          out.put(checked(full), sha256(data));
        }
      }
    } catch (NumberFormatException e) {
      throw new IOException("not a tar archive");
    }
    return out;
  }

  private static String checked(String name) throws ModuleException {
    String clean = name.startsWith("./") ? name.substring(2) : name;
    if (clean.startsWith("/") || clean.equals("..") || clean.startsWith("../") || clean.contains("/../")
        || clean.endsWith("/..") || clean.indexOf('\n') >= 0) {
      throw new ModuleException("the archive holds `" + name + "`, which would land outside dest; refused");
    }
    return clean;
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
