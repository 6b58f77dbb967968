package dev.provision.modules.files;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything {@code stat} reports about one path, in one read-only command: the stat line
 * ({@link #FORMAT}: {@link StatFact#FORMAT} then times, inode, links, device, raw mode), for a link its
 * target and resolved path, what the login user may do with it, and the checksum of a readable
 * regular file. Each line after the first is tagged, so a missing one (no checksum asked, not
 * readable) cannot shift the others.
 */
public record PathInfoFact(RemotePath path, boolean follow, String algorithm) implements Fact<PathInfo> {

  /** {@link StatFact#FORMAT}, then mtime, atime, ctime (seconds, with fraction), inode, hard links, device, raw mode (hex). */
  static final String FORMAT = StatFact.FORMAT + "|%.9Y|%.9X|%.9Z|%i|%h|%d|%f";

  /** The checksum algorithms and the coreutils tool that computes each (fixed words, never user text). */
  static final Map<String, String> TOOLS = Map.of("md5", "md5sum", "sha1", "sha1sum", "sha224", "sha224sum",
      "sha256", "sha256sum", "sha384", "sha384sum", "sha512", "sha512sum");

  @Override
  public String subject() {
    return path.text();
  }

  @Override
  public String key() {
    return "file.info:" + (follow ? "follow:" : "") + (algorithm == null ? "" : algorithm + ":") + path.text();
  }

  @Override
  public String command() {
    String p = path.shell();
    String exists = follow ? "[ -e " + p + " ]" : "{ [ -L " + p + " ] || [ -e " + p + " ]; }";
    String regular = follow ? "[ -f " + p + " ]" : "[ -f " + p + " ] && ! [ -L " + p + " ]";
    StringBuilder cmd = new StringBuilder("if ").append(exists).append("; then stat ")
        .append(follow ? "-L " : "").append("-c '").append(FORMAT).append("' -- ").append(p).append(" || exit; ")
        .append("if [ -L ").append(p).append(" ]; then printf 'target %s\\n' \"$(readlink -- ").append(p)
        .append(")\"; printf 'source %s\\n' \"$(readlink -f -- ").append(p).append(")\"; fi; ")
        .append("a=; [ -r ").append(p).append(" ] && a=${a}r; [ -w ").append(p).append(" ] && a=${a}w; [ -x ")
        .append(p).append(" ] && a=${a}x; echo \"access $a\"");
    if (algorithm != null) {
      cmd.append("; if ").append(regular).append(" && [ -r ").append(p).append(" ]; then printf 'checksum '; ")
          .append(TOOLS.get(algorithm)).append(" < ").append(p).append(" || exit; fi");
    }
    return cmd.append("; else echo absent; fi").toString();
  }

  @Override
  public PathInfo parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw new ModuleException("cannot inspect " + path + ": " + result.failureText());
    }
    String[] lines = result.stdout().split("\n", -1);
    if (lines[0].strip().equals("absent")) {
      return PathInfo.absent(path);
    }
    String[] f = lines[0].split("\\|", -1);
    if (f.length != 14) {
      throw new ModuleException("unexpected stat output for " + path + ": `" + lines[0] + "`");
    }
    Map<String, String> tagged = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int space = lines[i].indexOf(' ');
      String tag = space < 0 ? lines[i] : lines[i].substring(0, space);
      tagged.putIfAbsent(tag, space < 0 ? "" : lines[i].substring(space + 1));
    }
    PathStat stat = StatFact.parseStatLine(path, String.join("|", java.util.Arrays.copyOf(f, 7)), tagged.get("target"));
    try {
      String checksum = tagged.containsKey("checksum") ? tagged.get("checksum").split("\\s+")[0] : null;
      return new PathInfo(path, stat, Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
          Long.parseLong(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]), Integer.parseInt(f[13], 16),
          tagged.get("source"), tagged.getOrDefault("access", ""), checksum);
    } catch (NumberFormatException e) {
      throw new ModuleException("unexpected stat output for " + path + ": `" + lines[0] + "`");
    }
  }
}
