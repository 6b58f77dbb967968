package dev.provision.modules.files;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link PathInfoFact} read: the {@link PathStat} plus times, inode, link count, device, the raw
 * {@code st_mode} (for the file type bits), the resolved path of a link, the login user's access
 * ({@code r}, {@code w}, {@code x} letters) and the checksum, if one was computed.
 */
public record PathInfo(RemotePath path, PathStat stat, double mtime, double atime, double ctime, long inode,
    long links, long device, int rawMode, String linkSource, String access, String checksum) {

  static PathInfo absent(RemotePath path) {
    return new PathInfo(path, PathStat.absent(), 0, 0, 0, 0, 0, 0, 0, null, "", null);
  }

  /** The keys and values of Ansible's {@code stat} result, for the fields read here. */
  public Map<String, Object> ansibleView() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("exists", stat.exists());
    if (!stat.exists()) {
      return out;
    }
    int type = rawMode & 0170000;
    int perm = stat.mode();
    out.put("path", path.text());
    out.put("mode", stat.octalMode());
    out.put("isdir", type == 0040000);
    out.put("ischr", type == 0020000);
    out.put("isblk", type == 0060000);
    out.put("isreg", type == 0100000);
    out.put("isfifo", type == 0010000);
    out.put("islnk", type == 0120000);
    out.put("issock", type == 0140000);
    out.put("uid", stat.uid());
    out.put("gid", stat.gid());
    out.put("pw_name", stat.owner());
    out.put("gr_name", stat.group());
    out.put("size", stat.size());
    out.put("inode", inode);
    out.put("dev", device);
    out.put("nlink", links);
    out.put("atime", atime);
    out.put("mtime", mtime);
    out.put("ctime", ctime);
    String[] who = {"usr", "grp", "oth"};
    for (int i = 0; i < 3; i++) {
      int bits = perm >> (6 - 3 * i);
      out.put("r" + who[i], (bits & 4) != 0);
      out.put("w" + who[i], (bits & 2) != 0);
      out.put("x" + who[i], (bits & 1) != 0);
    }
    out.put("isuid", (perm & 04000) != 0);
    out.put("isgid", (perm & 02000) != 0);
    out.put("readable", access.contains("r"));
    out.put("writeable", access.contains("w"));
    out.put("executable", access.contains("x"));
    if (stat.isLink()) {
      out.put("lnk_target", stat.linkTarget());
      out.put("lnk_source", linkSource);
    }
    if (checksum != null) {
      out.put("checksum", checksum);
    }
    return out;
  }
}
