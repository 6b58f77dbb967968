package dev.provision.modules.archive;

import dev.provision.module.ModuleException;
import java.util.Locale;

/** The archive kinds {@code unarchive} handles, told by the file name, and the host command that extracts each. */
enum ArchiveFormat {
  TAR_GZ("tar.gz"),
  TAR("tar"),
  ZIP("zip");

  private final String word;

  ArchiveFormat(String word) {
    this.word = word;
  }

  String word() {
    return word;
  }

  static ArchiveFormat of(String name) throws ModuleException {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
      return TAR_GZ;
    }
    if (n.endsWith(".tar")) {
      return TAR;
    }
    if (n.endsWith(".zip")) {
      return ZIP;
    }
    throw new ModuleException("`" + name + "` is not a .tar.gz, .tgz, .tar or .zip file; other formats are not supported yet");
  }

  /** Extracts the archive file {@code quotedArchive} into {@code quotedDest} (both already shell words). */
  String extract(String quotedArchive, String quotedDest) {
    return switch (this) {
      case ZIP -> "unzip -o -q " + quotedArchive + " -d " + quotedDest;
      case TAR_GZ -> "tar -xzf " + quotedArchive + " -C " + quotedDest;
      case TAR -> "tar -xf " + quotedArchive + " -C " + quotedDest;
    };
  }
}
