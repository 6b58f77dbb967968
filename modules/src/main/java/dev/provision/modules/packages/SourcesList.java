package dev.provision.modules.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One APT sources file (one-line format) as Ansible's apt_repository reads it: each line parsed into
 * whether it is a {@code deb}/{@code deb-src} entry, whether it is enabled (not commented out), the entry
 * with its whitespace collapsed, and a trailing {@code # comment}. {@link #text} is the file as Ansible
 * writes it back (its dump), which decides whether anything changed.
 */
final class SourcesList {

  private static final Pattern OPTIONS = Pattern.compile("\\[[^\\]]+\\]");
  private static final Pattern PROTOCOL = Pattern.compile("\\w+://");

  /** A parsed line. */
  record Line(boolean valid, boolean enabled, String source, String comment) {

    String text() {
      return (enabled ? "" : "# ") + source + (comment.isEmpty() ? "" : " # " + comment) + "\n";
    }
  }

  final List<Line> lines = new ArrayList<>();

  static SourcesList parse(String text) {
    SourcesList file = new SourcesList();
    if (text.isEmpty()) {
      return file;
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    for (String line : body.split("\n", -1)) {
      file.lines.add(parseLine(line));
    }
    return file;
  }

  /** Ansible's _parse(): a leading # disables, a later # starts a comment, whitespace is collapsed in an entry. */
  static Line parseLine(String raw) {
    String line = raw.strip();
    boolean enabled = true;
    String comment = "";
    if (line.startsWith("#")) {
      enabled = false;
      line = line.substring(1);
    }
    int hash = line.indexOf('#');
    if (hash > 0) {
      comment = line.substring(hash + 1).strip();
      line = line.substring(0, hash);
    }
    String source = line.strip();
    boolean valid = false;
    if (!source.isEmpty()) {
      String[] chunks = source.split("\\s+");
      if (chunks[0].equals("deb") || chunks[0].equals("deb-src")) {
        valid = true;
        source = String.join(" ", chunks);
      }
    }
    return new Line(valid, enabled, source, comment);
  }

  /** The line given as {@code repo}, or null when it is not an enabled deb/deb-src entry (Ansible's InvalidSource). */
  static Line repo(String repo) {
    Line line = parseLine(repo);
    return line.valid() && line.enabled() ? line : null;
  }

  /** What Ansible's InvalidSource says of an invalid repo line: the line without its leading # and comment. */
  static String invalidText(String repo) {
    String line = repo.strip();
    if (line.startsWith("#")) {
      line = line.substring(1);
    }
    int hash = line.indexOf('#');
    return hash > 0 ? line.substring(0, hash) : line;
  }

  /**
   * Ansible's _suggest_filename(): the first of the entry's words after its type, without [options],
   * protocol and user:password@, non-alphanumerics turned into _, and .list; or {@code filename}.list.
   */
  static String suggestFilename(String source, String filename) {
    if (filename != null) {
      return filename + ".list";
    }
    String line = OPTIONS.matcher(source).replaceAll("");
    line = PROTOCOL.matcher(line).replaceAll("");
    String first = null;
    for (String part : line.strip().split("\\s+")) {
      if (!part.equals("deb") && !part.equals("deb-src")) {
        first = part;
        break;
      }
    }
    if (first == null) {
      first = "";
    }
    if (first.contains("@")) {
      first = first.substring(first.indexOf('@') + 1);
    }
    String cleaned = String.join("_", List.of(first.replaceAll("[^a-zA-Z0-9]", " ").strip().split("\\s+")));
    return cleaned + ".list";
  }

  /** Enables every entry equal to {@code source}; whether there was one. */
  boolean enable(String source) {
    boolean found = false;
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      if (l.valid() && l.source().equals(source)) {
        lines.set(i, new Line(true, true, l.source(), l.comment()));
        found = true;
      }
    }
    return found;
  }

  /** Removes every enabled entry equal to {@code source} (commented-out ones stay, as with Ansible). */
  void remove(String source) {
    lines.removeIf(l -> l.valid() && l.enabled() && l.source().equals(source));
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  /** The file as Ansible writes it. */
  String text() {
    StringBuilder out = new StringBuilder();
    lines.forEach(l -> out.append(l.text()));
    return out.toString();
  }
}
