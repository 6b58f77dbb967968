package dev.provision.modules.files;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/**
 * A file's stat, SHA-256 and (up to {@link #LIMIT} bytes) content, in one read-only command, so
 * {@code copy} can decide and show a diff without a second round trip. Output for a regular
 * file: the stat line, the {@code sha256sum} line, then the content as is.
 */
public record FileContentFact(RemotePath path) implements Fact<RemoteFile> {

  /** Larger files are compared by checksum only; their diff is not shown. */
  public static final int LIMIT = 256 * 1024;

  @Override
  public String key() {
    return "file.content:" + path.text();
  }

  @Override
  public java.util.Optional<Likely> likely() {
    return StatFact.absent(path);
  }

  @Override
  public String command() {
    String p = path.shell();
    return "if [ -L " + p + " ]; then " + StatFact.stat(p) + " && readlink -- " + p
        + "; elif [ -f " + p + " ]; then " + StatFact.stat(p) + " && sha256sum < " + p + " && head -c " + LIMIT
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
    String content = stat.size() <= LIMIT ? rest.substring(second + 1) : null;
    return new RemoteFile(stat, sha, content);
  }
}
