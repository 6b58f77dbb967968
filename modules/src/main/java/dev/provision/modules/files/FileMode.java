package dev.provision.modules.files;

import dev.provision.connection.Shell;
import dev.provision.module.ModuleException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated {@code mode} parameter: octal ({@code "0644"}, or a YAML number such as unquoted
 * {@code 0644}, as Ansible reads it) or symbolic ({@code u=rw,g=r,o=r}, {@code u+x}). Symbolic
 * clauses must name who ({@code ugoa}), so the result never depends on the host's umask. Nothing
 * else ever reaches a command line.
 */
public final class FileMode {

  private static final Pattern OCTAL = Pattern.compile("(?:0o)?([0-7]{1,5})");
  private static final Pattern CLAUSE = Pattern.compile("([ugoa]+)((?:[-+=][rwxXst]*)+)");
  private static final Pattern ACTION = Pattern.compile("([-+=])([rwxXst]*)");

  private final String text;
  private final Integer octal;

  private FileMode(String text, Integer octal) {
    this.text = text;
    this.octal = octal;
  }

  /** Null when {@code raw} is null. */
  public static FileMode parse(Object raw) throws ModuleException {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Number n) {
      long bits = n.longValue();
      if (n.doubleValue() != bits || bits < 0 || bits > 07777) {
        throw invalid(String.valueOf(raw));
      }
      return new FileMode(octal((int) bits), (int) bits);
    }
    String s = String.valueOf(raw).strip();
    Matcher m = OCTAL.matcher(s);
    if (m.matches()) {
      int bits = Integer.parseInt(m.group(1), 8);
      if (bits > 07777) {
        throw invalid(s);
      }
      return new FileMode(octal(bits), bits);
    }
    for (String clause : s.split(",", -1)) {
      if (!CLAUSE.matcher(clause).matches()) {
        throw invalid(s);
      }
    }
    return new FileMode(s, null);
  }

  private static ModuleException invalid(String s) {
    return new ModuleException("mode `" + s + "` is neither an octal mode such as '0644' nor a symbolic mode such as"
        + " u=rw,g=r,o=r (symbolic clauses must name u, g, o or a)");
  }

  public static String octal(int bits) {
    return String.format("%04o", bits);
  }

  public boolean isOctal() {
    return octal != null;
  }

  /** The bits this mode gives a path that now has {@code current} (a directory or not). */
  public int applyTo(int current, boolean directory) {
    if (octal != null) {
      return octal;
    }
    int mode = current;
    for (String clause : text.split(",")) {
      Matcher c = CLAUSE.matcher(clause);
      c.matches();
      String who = c.group(1).contains("a") ? "ugo" : c.group(1);
      Matcher a = ACTION.matcher(c.group(2));
      while (a.find()) {
        int bits = bits(who, a.group(2), mode, directory);
        switch (a.group(1)) {
          case "+" -> mode |= bits;
          case "-" -> mode &= ~bits;
          default -> mode = (mode & ~bits(who, "rwxst", 0, true)) | bits;
        }
      }
    }
    return mode;
  }

  private static int bits(String who, String perms, int current, boolean directory) {
    int out = 0;
    for (char w : who.toCharArray()) {
      int shift = w == 'u' ? 6 : w == 'g' ? 3 : 0;
      for (char p : perms.toCharArray()) {
        switch (p) {
          case 'r' -> out |= 4 << shift;
          case 'w' -> out |= 2 << shift;
          case 'x' -> out |= 1 << shift;
          case 'X' -> out |= directory || (current & 0111) != 0 ? 1 << shift : 0;
          case 's' -> out |= w == 'u' ? 04000 : w == 'g' ? 02000 : 0;
          case 't' -> out |= w == 'o' ? 01000 : 0;
          default -> throw new IllegalStateException("validated mode has " + p);
        }
      }
    }
    return out;
  }

  public boolean satisfiedBy(PathStat stat) {
    return stat.exists() && applyTo(stat.mode(), stat.isDirectory()) == stat.mode();
  }

  /**
   * The argument for {@code chmod}: four octal digits, computed from the current bits for a
   * symbolic mode on an existing path; the validated symbolic text for a path not there yet.
   */
  public String chmodArgument(PathStat current) {
    return Shell.quote(describe(current));
  }

  /** How the mode is shown in diffs: octal, or the symbolic text when nothing is there yet. */
  public String describe(PathStat current) {
    if (octal != null) {
      return octal(octal);
    }
    return current.exists() ? octal(applyTo(current.mode(), current.isDirectory())) : text;
  }

  @Override
  public String toString() {
    return octal != null ? octal(octal) : text;
  }
}
