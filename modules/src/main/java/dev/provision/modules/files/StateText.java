package dev.provision.modules.files;

/** How {@code file} shows a path's state in diffs and says why nothing needs doing. */
final class StateText {

  private StateText() {}

  static String before(PathStat stat, FileRequest want) {
    if (!stat.exists()) {
      return "state: absent\n";
    }
    StringBuilder out = new StringBuilder("state: ").append(stat.type().word()).append('\n');
    if (stat.isLink()) {
      out.append("src: ").append(stat.linkTarget()).append('\n');
    }
    if (want.mode() != null) {
      out.append("mode: ").append(stat.octalMode()).append('\n');
    }
    if (want.owners().owner() != null) {
      out.append("owner: ").append(stat.owner()).append('\n');
    }
    if (want.owners().group() != null) {
      out.append("group: ").append(stat.group()).append('\n');
    }
    return out.toString();
  }

  static String after(PathStat stat, FileRequest want) {
    String state = switch (want.state()) {
      case "touch" -> "file";
      default -> want.state();
    };
    StringBuilder out = new StringBuilder("state: ").append(state).append('\n');
    if (state.equals("absent")) {
      return out.toString();
    }
    if (state.equals("link")) {
      out.append("src: ").append(want.src()).append('\n');
    }
    if (want.mode() != null) {
      boolean sameThing = stat.exists() && stat.type().word().equals(state);
      out.append("mode: ").append(want.mode().describe(sameThing ? stat : PathStat.absent())).append('\n');
    }
    if (want.owners().owner() != null) {
      out.append("owner: ").append(want.owners().owner()).append('\n');
    }
    if (want.owners().group() != null) {
      out.append("group: ").append(want.owners().group()).append('\n');
    }
    return out.toString();
  }

  static String noopReason(PathStat stat, FileRequest want) {
    String what = switch (want.state()) {
      case "directory" -> "directory " + want.path() + " already exists";
      case "link" -> "link " + want.path() + " already points to " + want.src();
      default -> "file " + want.path() + " already exists";
    };
    StringBuilder with = new StringBuilder();
    if (want.mode() != null) {
      with.append("mode ").append(stat.octalMode());
    }
    if (!want.owners().isEmpty()) {
      with.append(with.length() > 0 ? " and " : "").append("owner ")
          .append(want.owners().owner() != null ? stat.owner() : "")
          .append(want.owners().group() != null ? ":" + stat.group() : "");
    }
    return with.length() == 0 ? what : what + " with " + with + (want.recurse() ? " (recursively)" : "");
  }
}
