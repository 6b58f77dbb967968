package dev.provision.modules.files;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/**
 * A file's stat, SHA-256 and (up to {@link #LIMIT} bytes, or {@link #whole} all of it) content, in
 * one read-only command, so {@code copy} can decide and show a diff without a second round trip, and
 * {@code lineinfile} can edit a file of any size. Output for a regular file: the stat line, the
 * {@code sha256sum} line, then the content as is.
 */
public record FileContentFact(RemotePath path, boolean whole) implements Fact<RemoteFile> {

  /** Larger files are compared by checksum only; their diff is not shown. */
  public static final int LIMIT = 256 * 1024;

  public FileContentFact(RemotePath path) {
    this(path, false);
  }

  /** All of the file's content, for modules that edit it (their diff still stops at {@link #LIMIT}). */
  public static FileContentFact whole(RemotePath path) {
    return new FileContentFact(path, true);
  }

  @Override
  public String subject() {
    return path.text();
  }

  @Override
  public String key() {
    return (whole ? "file.text:" : "file.content:") + path.text();
  }

  @Override
  public java.util.Optional<Likely> likely() {
    return StatFact.absent(path);
  }

  @Override
  public String command() {
    String p = path.shell();
    return "if [ -L " + p + " ]; then " + StatFact.stat(p) + " && readlink -- " + p
        + "; elif [ -f " + p + " ]; then " + StatFact.stat(p) + " && sha256sum < " + p + " && " + (whole ? "cat" : "head -c " + LIMIT)
        + " < " + p + "; elif [ -e " + p + " ]; then " + StatFact.stat(p) + "; else echo absent; fi";
  }

  @Override
  public RemoteFile parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw new ModuleException("cannot read " + path + ": " + result.failureText());
    }
    String out = result.stdout();
    PathStat stat = StatFact.head(path, out);
    if (!stat.isFile()) {
      return new RemoteFile(stat, null, null);
    }
    String rest = out.substring(out.indexOf('\n') + 1);
    int second = rest.indexOf('\n');
    if (second < 0) {
      throw new ModuleException("unexpected output reading " + path + ": no checksum");
    }
    String sha = rest.substring(0, second).split("\\s+")[0];
    String content = whole || stat.size() <= LIMIT ? rest.substring(second + 1) : null;
    return new RemoteFile(stat, sha, content);
  }
}
