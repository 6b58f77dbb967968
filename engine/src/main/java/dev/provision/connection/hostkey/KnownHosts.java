package dev.provision.connection.hostkey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An OpenSSH known_hosts file, read fresh for each check. Lines that cannot be parsed are kept
 * out of matching (OpenSSH skips them too); {@link #badLines} lists them for messages.
 */
public final class KnownHosts {

  private final Path file;
  private final List<KnownHostEntry> entries;
  private final List<Integer> badLines;

  private KnownHosts(Path file, List<KnownHostEntry> entries, List<Integer> badLines) {
    this.file = file;
    this.entries = List.copyOf(entries);
    this.badLines = List.copyOf(badLines);
  }

  /** Reads {@code file}; a missing file is an empty one. */
  public static KnownHosts read(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      lines = List.of();
    }
    return parse(file, lines);
  }

  public static KnownHosts parse(Path file, List<String> lines) {
    List<KnownHostEntry> entries = new ArrayList<>();
    List<Integer> bad = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      KnownHostEntry entry = parseLine(i + 1, text);
      if (entry == null) {
        bad.add(i + 1);
      } else {
        entries.add(entry);
      }
    }
    return new KnownHosts(file, entries, bad);
  }

  private static KnownHostEntry parseLine(int line, String text) {
    String[] fields = text.split("\\s+");
    int at = 0;
    String marker = null;
    if (fields[0].startsWith("@")) {
      marker = fields[0];
      at = 1;
    }
    if (fields.length < at + 3) {
      return null;
    }
    try {
      byte[] key = Base64.getDecoder().decode(fields[at + 2]);
      return new KnownHostEntry(line, marker, List.of(fields[at].split(",")), fields[at + 1], key);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The name OpenSSH looks up: {@code host} on port 22, else {@code [host]:port}. */
  public static String hostName(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  public Path file() {
    return file;
  }

  public List<KnownHostEntry> entries() {
    return entries;
  }

  public List<Integer> badLines() {
    return badLines;
  }

  /** Decides about a key a server presented, following OpenSSH's rules. */
  public HostKeyCheck check(String hostName, String keyType, byte[] key) {
    // A revoked key is refused whatever other lines say, so look for one first.
    for (KnownHostEntry entry : entries) {
      if (entry.revoked() && entry.sameKey(key) && entry.appliesTo(hostName)) {
        return new HostKeyCheck(HostKeyCheck.Verdict.REVOKED, List.of(entry), List.of());
      }
    }
    List<KnownHostEntry> sameType = new ArrayList<>();
    List<String> otherTypes = new ArrayList<>();
    for (KnownHostEntry entry : entries) {
      if (entry.marker() != null || !entry.appliesTo(hostName)) {
        continue;
      }
      if (entry.keyType().equals(keyType)) {
        if (entry.sameKey(key)) {
          return new HostKeyCheck(HostKeyCheck.Verdict.KNOWN, List.of(entry), List.of());
        }
        sameType.add(entry);
      } else if (!otherTypes.contains(entry.keyType())) {
        otherTypes.add(entry.keyType());
      }
    }
    if (!sameType.isEmpty()) {
      return new HostKeyCheck(HostKeyCheck.Verdict.CHANGED, sameType, otherTypes);
    }
    return new HostKeyCheck(HostKeyCheck.Verdict.UNKNOWN, List.of(), otherTypes);
  }

  /** Key types known for the host, so key exchange can ask for one of them first. */
  public List<String> keyTypes(String hostName) {
    return entries.stream()
        .filter(e -> e.marker() == null && e.appliesTo(hostName))
        .map(KnownHostEntry::keyType)
        .distinct()
        .toList();
  }

  /** Appends a plain (unhashed) line, creating the file (mode 600) and its directory if needed. */
  public static void append(Path file, String hostName, String keyType, byte[] key) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    String line = hostName + " " + keyType + " " + Base64.getEncoder().encodeToString(key) + "\n";
    byte[] existing = Files.readAllBytes(file);
    boolean needsNewline = existing.length > 0 && existing[existing.length - 1] != '\n';
    Files.writeString(file, (needsNewline ? "\n" : "") + line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
