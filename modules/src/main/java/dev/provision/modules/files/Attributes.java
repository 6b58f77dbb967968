package dev.provision.modules.files;

import dev.provision.module.Diff;
import dev.provision.module.ExecAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Mode and ownership of a path: how a difference is shown and the commands that fix it in place
 * (for {@code copy}, {@code file} and {@code get_url}).
 */
public final class Attributes {

  private Attributes() {}

  /** {@code mode} null and an empty {@code owners} mean "not changing". */
  static Diff diff(RemotePath path, PathStat current, FileMode mode, Ownership owners) {
    return Diff.of(path + " (attributes)", lines(current, mode != null, owners, true),
        after(current, mode, owners));
  }

  static String lines(PathStat stat, boolean mode, Ownership owners, boolean exists) {
    if (!exists || !stat.exists()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    if (mode) {
      out.append("mode: ").append(stat.octalMode()).append('\n');
    }
    if (owners.owner() != null) {
      out.append("owner: ").append(stat.owner()).append('\n');
    }
    if (owners.group() != null) {
      out.append("group: ").append(stat.group()).append('\n');
    }
    return out.toString();
  }

  static String after(PathStat current, FileMode mode, Ownership owners) {
    StringBuilder out = new StringBuilder();
    if (mode != null) {
      out.append("mode: ").append(mode.describe(current)).append('\n');
    }
    if (owners.owner() != null) {
      out.append("owner: ").append(owners.owner()).append('\n');
    }
    if (owners.group() != null) {
      out.append("group: ").append(owners.group()).append('\n');
    }
    return out.toString();
  }

  /** chmod and chown commands for what differs; {@code -h} keeps chown off a link's target. */
  public static List<ExecAction> fix(RemotePath path, PathStat current, FileMode mode, Ownership owners, boolean link) {
    List<ExecAction> out = new ArrayList<>();
    if (mode != null) {
      out.add(ExecAction.of("chmod " + mode.chmodArgument(current) + " -- " + path.shell())
          .describedAs("set mode " + mode.describe(current) + " on " + path));
    }
    if (!owners.isEmpty()) {
      out.add(ExecAction.of("chown " + (link ? "-h " : "") + owners.chownArgument() + " -- " + path.shell())
          .describedAs("set owner " + owners.chownArgument() + " on " + path));
    }
    return out;
  }

  /** "mode", "owner" or "mode and owner": what is changing. */
  public static String words(boolean mode, boolean owner) {
    return mode && owner ? "mode and owner" : mode ? "mode" : "owner";
  }
}
