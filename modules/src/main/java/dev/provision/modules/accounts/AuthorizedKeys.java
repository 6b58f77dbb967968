package dev.provision.modules.accounts;

import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ansible.posix.authorized_key's edit of an authorized_keys file, in memory and pure, so plan and
 * apply compute the same text: lines keyed by the key's base64 (comments and other lines by their own
 * text), the new keys' options and comment compared, the file written back in rank order with each
 * key line re-serialized as {@code OPTIONS TYPE KEY COMMENT} (a key without a comment keeps the
 * trailing space Ansible writes).
 */
final class AuthorizedKeys {

  static final Set<String> TYPES = Set.of("sk-ecdsa-sha2-nistp256@openssh.com",
      "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com",
      "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384",
      "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
      "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519",
      "ssh-ed25519-cert-v01@openssh.com", "ssh-dss", "ssh-rsa", "ssh-xmss@openssh.com", "ssh-xmss-cert-v01@openssh.com",
      "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com",
      "rsa-sha2-512-cert-v01@openssh.com", "ssh-dss-cert-v01@openssh.com");

  /** Splits on commas outside quotes, as Ansible's parseoptions. */
  private static final Pattern OPTION = Pattern.compile("((?:[^,\"']|\"[^\"]*\"|'[^']*')+)");

  /** An option and its value (null for a flag such as no-pty). */
  record Option(String name, String value) {}

  /** A key line ({@code type} set) or any other line ({@code type} null, {@code raw} kept as is). */
  record Line(String id, String type, List<Option> options, String comment, int rank, String raw) {

    Line ranked(int newRank) {
      return new Line(id, type, options, comment, newRank, raw);
    }

    /** Ansible compares key, type, options (by name, each name's values in order) and comment. */
    boolean sameAs(Line other) {
      return Objects.equals(type, other.type) && Objects.equals(comment, other.comment)
          && grouped(options).equals(grouped(other.options));
    }

    private static Map<String, List<String>> grouped(List<Option> options) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      options.forEach(o -> out.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o.value()));
      return out;
    }

    String serialized() {
      if (type == null) {
        return raw;
      }
      StringBuilder opts = new StringBuilder();
      for (Option o : options) {
        opts.append(opts.length() == 0 ? "" : ",").append(o.name()).append(o.value() == null ? "" : "=" + o.value());
      }
      return (opts.length() == 0 ? "" : opts + " ") + type + " " + id + " " + comment + "\n";
    }
  }

  /** The new text, and whether Ansible would write it. */
  record Outcome(String text, boolean write) {}

  private AuthorizedKeys() {}

  /** A line as Ansible's parsekey reads it; null when it holds no key of a known type. */
  static Line parse(String raw, int rank) {
    String text = raw.replace("\\#", "#");
    String[] words = text.strip().isEmpty() ? new String[0] : text.strip().split("[ \t\r\n]+");
    if (words.length > 0 && words[0].equals("#")) {
      return new Line(text, null, List.of(), null, rank, text);
    }
    for (int i = 0; i < words.length; i++) {
      if (TYPES.contains(words[i])) {
        if (i + 1 >= words.length) {
          return null;
        }
        List<Option> options = options(String.join(" ", java.util.Arrays.asList(words).subList(0, i)));
        String comment = String.join(" ", java.util.Arrays.asList(words).subList(Math.min(i + 2, words.length), words.length));
        return new Line(words[i + 1], words[i], options, comment, rank, text);
      }
    }
    return null;
  }

  static List<Option> options(String text) {
    List<Option> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    Matcher m = OPTION.matcher(text);
    while (m.find()) {
      String part = m.group(1);
      int eq = part.indexOf('=');
      if (eq >= 0) {
        out.add(new Option(part.substring(0, eq), part.substring(eq + 1)));
      } else if (!part.equals(",")) {
        out.add(new Option(part, null));
      }
    }
    return out;
  }

  /** Python's splitlines(keepends=True) for \n, \r\n and \r. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        int end = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        out.add(text.substring(start, end));
        start = end;
        i = end - 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  static Outcome enforce(String existingText, String keys, boolean present, String keyOptions, String comment,
      boolean exclusive) throws ModuleException {
    Map<String, Line> existing = new LinkedHashMap<>();
    List<String> current = lines(existingText);
    for (int rank = 0; rank < current.size(); rank++) {
      Line line = parse(current.get(rank), rank);
      Line kept = line != null ? line : new Line(current.get(rank), null, List.of(), null, rank, current.get(rank));
      existing.put(kept.id(), kept);
    }
    List<String> wanted = new ArrayList<>();
    for (String s : keys.split("\r\n|\r|\n")) {
      if (!s.isEmpty() && !s.startsWith("#")) {
        wanted.add(s);
      }
    }
    boolean write = false;
    List<String> toExist = new ArrayList<>();
    int maxRank = existing.size();
    for (int rank = 0; rank < wanted.size(); rank++) {
      Line parsed = parse(wanted.get(rank), rank);
      if (parsed == null || parsed.type() == null) {
        throw new ModuleException("invalid key specified: " + wanted.get(rank));
      }
      if (keyOptions != null) {
        parsed = new Line(parsed.id(), parsed.type(), options(keyOptions), parsed.comment(), rank, parsed.raw());
      }
      if (comment != null) {
        parsed = new Line(parsed.id(), parsed.type(), parsed.options(), comment, rank, parsed.raw());
      }
      Line old = existing.get(parsed.id());
      boolean matched = old != null && (!present || parsed.sameAs(old));
      if (present) {
        toExist.add(parsed.id());
        if (old != null && !matched) {
          existing.remove(parsed.id());
          write = true;
        }
        if (!matched) {
          existing.put(parsed.id(), parsed.ranked(maxRank + rank));
          write = true;
        }
      } else if (matched) {
        existing.remove(parsed.id());
        write = true;
      }
    }
    if (present && exclusive) {
      for (String id : new ArrayList<>(existing.keySet())) {
        if (!toExist.contains(id)) {
          existing.remove(id);
          write = true;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    existing.values().stream().sorted(Comparator.comparingInt(Line::rank)).forEach(l -> out.append(l.serialized()));
    return new Outcome(out.toString(), write);
  }
}
