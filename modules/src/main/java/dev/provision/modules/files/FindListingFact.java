package dev.provision.modules.files;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.Fingerprint;
import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every entry under the directories {@code find} searches, with its lstat, in one read-only command
 * (GNU find's {@code -printf}, NUL-terminated records, so any file name survives), and the host's
 * clock for {@code age}. {@code maxDepth} 0 means no limit.
 */
record FindListingFact(List<RemotePath> paths, int maxDepth, boolean follow) implements Fact<FindListingFact.Listing> {

  /** type, followed type, mode, uid, gid, size, inode, links, device, atime, mtime, ctime, depth, user, group, path. */
  static final String FORMAT = "e\\t%y\\t%Y\\t%m\\t%U\\t%G\\t%s\\t%i\\t%n\\t%D\\t%A@\\t%T@\\t%C@\\t%d\\t%u\\t%g\\t%p\\0";

  /** One searched path: a directory and its entries, or the reason it was skipped. */
  record Root(String path, List<Entry> entries, String skipped) {}

  record Entry(char type, char followedType, int mode, long uid, long gid, long size, long inode, long links,
      long device, double atime, double mtime, double ctime, int depth, String user, String group, String path) {

    String name() {
      return path.substring(path.lastIndexOf('/') + 1);
    }

    boolean isDir() {
      return type == 'd';
    }

    boolean isFile() {
      return type == 'f';
    }

    boolean isLink() {
      return type == 'l';
    }

    /** The entry as Ansible's find lists it (its statinfo()). */
    java.util.Map<String, Object> ansibleView() {
      int rawType = switch (type) {
        case 'd' -> 0040000;
        case 'f' -> 0100000;
        case 'l' -> 0120000;
        case 'c' -> 0020000;
        case 'b' -> 0060000;
        case 'p' -> 0010000;
        case 's' -> 0140000;
        default -> 0;
      };
      PathStat.Type t = isDir() ? PathStat.Type.DIRECTORY : isFile() ? PathStat.Type.FILE
          : isLink() ? PathStat.Type.LINK : PathStat.Type.OTHER;
      PathInfo info = new PathInfo(new RemotePath(path), new PathStat(t, mode, user, group, uid, gid, size, null),
          mtime, atime, ctime, inode, links, device, rawType | mode, null, "", null);
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>(info.ansibleView());
      // Ansible's find lists stat's fields less these
      for (String key : List.of("exists", "readable", "writeable", "executable", "lnk_target", "lnk_source")) {
        out.remove(key);
      }
      return out;
    }
  }

  record Listing(double now, List<Root> roots) {}

  @Override
  public String key() {
    return "find.listing:" + maxDepth + ":" + follow + ":" + String.join("\n", paths.stream().map(RemotePath::text).toList());
  }

  @Override
  public String subject() {
    return String.join(", ", paths.stream().map(RemotePath::text).toList());
  }

  @Override
  public String command() {
    StringBuilder cmd = new StringBuilder("printf 'now\\t%s\\0' \"$(date +%s.%N)\"");
    for (RemotePath path : paths) {
      String p = path.shell();
      cmd.append("; if [ -d ").append(p).append(" ]; then printf 'root\\t%s\\0' ").append(p)
          .append("; e=$(find ").append(follow ? "-L " : "").append(p).append(" -mindepth 1")
          .append(maxDepth > 0 ? " -maxdepth " + maxDepth : "").append(" -printf '").append(FORMAT)
          .append("' 2>&1 >&3) || printf 'error\\t%s\\0' \"$e\"; else printf 'notdir\\t%s\\0' ").append(p)
          .append("; fi");
    }
    // find's entries go to the output as they come (fd 3), its complaints are caught for skipped_paths
    return "{ " + cmd + "; } 3>&1";
  }

  @Override
  public Listing parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw new ModuleException("cannot list " + subject() + ": " + result.failureText());
    }
    double now = 0;
    List<Root> roots = new ArrayList<>();
    List<Entry> entries = null;
    String rootPath = null;
    for (String record : result.stdout().split("\0")) {
      if (record.isEmpty()) {
        continue;
      }
      String[] f = record.split("\t", 17);
      switch (f[0]) {
        case "now" -> now = Double.parseDouble(f[1].trim());
        case "root" -> {
          closeRoot(roots, rootPath, entries, null);
          rootPath = f[1];
          entries = new ArrayList<>();
        }
        case "notdir" -> {
          closeRoot(roots, rootPath, entries, null);
          rootPath = null;
          roots.add(new Root(f[1], List.of(), "'" + f[1] + "' is not a directory"));
        }
        case "error" -> {
          closeRoot(roots, rootPath, entries, f.length > 1 ? f[1].strip() : "find failed");
          rootPath = null;
        }
        case "e" -> {
          if (f.length != 17 || entries == null) {
            throw new ModuleException("unexpected output listing " + subject() + ": `" + record + "`");
          }
          try {
            entries.add(new Entry(f[1].charAt(0), f[2].charAt(0), Integer.parseInt(f[3], 8), Long.parseLong(f[4]),
                Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]),
                Long.parseLong(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]), Double.parseDouble(f[12]),
                Integer.parseInt(f[13]), f[14], f[15], f[16]));
          } catch (NumberFormatException e) {
            throw new ModuleException("unexpected output listing " + subject() + ": `" + record + "`");
          }
        }
        default -> throw new ModuleException("unexpected output listing " + subject() + ": `" + record + "`");
      }
    }
    closeRoot(roots, rootPath, entries, null);
    return new Listing(now, roots);
  }

  private static void closeRoot(List<Root> roots, String path, List<Entry> entries, String skipped) {
    if (path != null) {
      roots.add(new Root(path, List.copyOf(entries), skipped));
    }
  }

  /** The host's clock and access times change without meaning a change: a saved plan keeps names, sizes and mtimes. */
  @Override
  public String fingerprint(Listing value) {
    List<String> kept = new ArrayList<>();
    for (Root root : value.roots()) {
      kept.add(root.path() + "|" + root.skipped());
      root.entries().forEach(e -> kept.add(e.path() + "|" + e.type() + "|" + e.size() + "|" + e.mtime()));
    }
    return Fingerprint.of(kept);
  }
}
