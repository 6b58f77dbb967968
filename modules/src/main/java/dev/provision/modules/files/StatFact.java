package dev.provision.modules.files;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/**
 * The type, permissions, owner and link target of one path, without following a final symbolic
 * link. Output: {@code absent}, or one {@code stat} line ({@link #FORMAT}) and, for a link, the
 * link target on the next line.
 */
public record StatFact(RemotePath path) implements Fact<PathStat> {

  /** GNU stat format: type, octal mode, owner, group, uid, gid, size. */
  public static final String FORMAT = "%F|%a|%U|%G|%u|%g|%s";

  @Override
  public String subject() {
    return path.text();
  }

  @Override
  public String key() {
    return "file.stat:" + path.text();
  }

  @Override
  public java.util.Optional<Likely> likely() {
    return absent(path);
  }

  /** A path a first run is about to create is absent: both facts print {@code absent} when neither test holds. */
  static java.util.Optional<Likely> absent(RemotePath path) {
    String p = path.shell();
    return java.util.Optional.of(new Likely("! [ -L " + p + " ] && ! [ -e " + p + " ]", "absent\n"));
  }

  @Override
  public String command() {
    String p = path.shell();
    return "if [ -L " + p + " ]; then " + stat(p) + " && readlink -- " + p
        + "; elif [ -e " + p + " ]; then " + stat(p) + "; else echo absent; fi";
  }

  static String stat(String quotedPath) {
    return "stat -c '" + FORMAT + "' -- " + quotedPath;
  }

  @Override
  public PathStat parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw new ModuleException("cannot inspect " + path + ": " + result.failureText());
    }
    return head(path, result.stdout());
  }

  /**
   * The path's stat from the start of a command's output: {@code absent}, or the stat line and,
   * for a link, the link target on the next line (what this fact and {@link FileContentFact} print).
   */
  static PathStat head(RemotePath path, String out) throws ModuleException {
    int newline = out.indexOf('\n');
    String first = newline < 0 ? out.strip() : out.substring(0, newline);
    if (first.equals("absent")) {
      return PathStat.absent();
    }
    PathStat stat = parseStatLine(path, first, null);
    if (!stat.isLink()) {
      return stat;
    }
    String rest = newline < 0 ? "" : out.substring(newline + 1);
    int end = rest.indexOf('\n');
    return parseStatLine(path, first, end < 0 ? rest : rest.substring(0, end));
  }

  public static PathStat parseStatLine(RemotePath path, String line, String linkTarget) throws ModuleException {
    String[] f = line.split("\\|", -1);
    if (f.length != 7) {
      throw new ModuleException("unexpected stat output for " + path + ": `" + line + "`");
    }
    try {
      PathStat.Type type = switch (f[0]) {
        case "regular file", "regular empty file" -> PathStat.Type.FILE;
        case "directory" -> PathStat.Type.DIRECTORY;
        case "symbolic link" -> PathStat.Type.LINK;
        default -> PathStat.Type.OTHER;
      };
      return new PathStat(type, Integer.parseInt(f[1], 8), f[2], f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
          Long.parseLong(f[6]), type == PathStat.Type.LINK ? linkTarget : null);
    } catch (NumberFormatException e) {
      throw new ModuleException("unexpected stat output for " + path + ": `" + line + "`");
    }
  }
}
