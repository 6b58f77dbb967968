package dev.provision.modules.files;

import dev.provision.connection.Shell;
import dev.provision.module.ModuleException;
import java.util.regex.Pattern;

/**
 * Validated {@code owner} and {@code group} (either may be null): user and group names as
 * useradd accepts them, or numeric ids. Anything else, such as {@code root$(id)}, is refused
 * before a command is built.
 */
public record Ownership(String owner, String group) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?");

  public static Ownership of(String owner, String group) throws ModuleException {
    return new Ownership(check("owner", owner), check("group", group));
  }

  private static String check(String what, String value) throws ModuleException {
    if (value == null) {
      return null;
    }
    if (!NAME.matcher(value).matches()) {
      throw new ModuleException(what + " `" + value + "` is not a valid user or group name or numeric id");
    }
    return value;
  }

  public boolean isEmpty() {
    return owner == null && group == null;
  }

  public boolean ownerMatches(PathStat stat) {
    return owner == null || matches(owner, stat.owner(), stat.uid());
  }

  public boolean groupMatches(PathStat stat) {
    return group == null || matches(group, stat.group(), stat.gid());
  }

  public boolean satisfiedBy(PathStat stat) {
    return stat.exists() && ownerMatches(stat) && groupMatches(stat);
  }

  private static boolean matches(String wanted, String name, long id) {
    return wanted.matches("[0-9]+") ? Long.parseLong(wanted) == id : wanted.equals(name);
  }

  /** The {@code chown} argument: {@code owner}, {@code owner:group} or {@code :group}, quoted. */
  public String chownArgument() {
    String spec = (owner == null ? "" : owner) + (group == null ? "" : ":" + group);
    return Shell.quote(spec);
  }
}
