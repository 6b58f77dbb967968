package dev.provision.modules.download;

import dev.provision.module.Diff;
import dev.provision.modules.files.FileMode;
import dev.provision.modules.files.Ownership;
import dev.provision.modules.files.PathStat;

/** How a {@code get_url} change is shown: digest, size, mode and owner, before and after. */
final class FileChanges {

  private FileChanges() {}

  /** Before and after as {@code key: value} lines; {@code size} null when not known before the download. */
  static Diff diff(String path, DestState dest, Sha256 expected, Long size, GetUrlRequest request) {
    PathStat stat = dest.stat();
    PathStat file = stat.isFile() ? stat : PathStat.absent();
    StringBuilder before = new StringBuilder();
    if (stat.isLink()) {
      before.append("symbolic link to ").append(stat.linkTarget()).append('\n');
    } else if (stat.isFile()) {
      before.append("sha256: ").append(dest.sha256().hex()).append('\n')
          .append("size: ").append(stat.size()).append(" bytes\n")
          .append("mode: ").append(stat.octalMode()).append('\n')
          .append("owner: ").append(stat.owner()).append('\n')
          .append("group: ").append(stat.group()).append('\n');
    } else if (stat.exists()) {
      before.append(stat.type().word()).append('\n');
    }
    boolean sameContent = stat.isFile() && expected.equals(dest.sha256());
    Long afterSize = size != null ? Long.valueOf(size) : sameContent ? Long.valueOf(stat.size()) : null;
    StringBuilder after = new StringBuilder("sha256: ").append(expected.hex()).append('\n')
        .append("size: ").append(afterSize == null ? "known after the host downloads it" : afterSize + " bytes")
        .append('\n');
    FileMode mode = request.mode();
    if (mode != null) {
      after.append("mode: ").append(mode.describe(file)).append('\n');
    } else {
      after.append("mode: ").append(file.exists() ? file.octalMode() : "0666 less the umask").append('\n');
    }
    Ownership owners = request.owners();
    String owner = owners.owner() != null ? owners.owner() : file.exists() ? file.owner() : null;
    String group = owners.group() != null ? owners.group() : file.exists() ? file.group() : null;
    if (owner != null) {
      after.append("owner: ").append(owner).append('\n');
    }
    if (group != null) {
      after.append("group: ").append(group).append('\n');
    }
    return Diff.of(path, before.toString(), after.toString());
  }
}
