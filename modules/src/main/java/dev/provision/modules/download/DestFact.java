package dev.provision.modules.download;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;
import dev.provision.modules.files.PathStat;
import dev.provision.modules.files.RemotePath;
import dev.provision.modules.files.StatFact;

/**
 * One read-only command that tells {@code get_url} all it needs about {@code dest}: the path with
 * {@code ~} expanded, whether its directory exists, stat (mode, owner, size) and {@code sha256sum}.
 * Under sudo, {@code ~} is still the login user's home ({@code SUDO_USER}), as the task wrote it.
 *
 * <p>Output: {@code path=<abs>}, {@code dir=yes|no}, then {@code absent} or the stat line, then
 * the sha256sum line (regular file) or the link target (symbolic link).
 */
public record DestFact(RemotePath dest) implements Fact<DestState> {

  @Override
  public String subject() {
    return dest.text();
  }

  @Override
  public String key() {
    return "get_url.dest:" + dest.text();
  }

  @Override
  public String command() {
    String stat = "stat -c '" + StatFact.FORMAT + "' -- \"$p\"";
    StringBuilder s = new StringBuilder("LC_ALL=C; export LC_ALL; ");
    if (dest.text().startsWith("~")) {
      s.append("if [ -n \"${SUDO_USER:-}\" ] && [ \"$(id -u)\" = 0 ]; then "
          + "HOME=$(getent passwd \"$SUDO_USER\" | cut -d: -f6); fi; ");
    }
    return s.append("p=").append(dest.shell()).append("; printf 'path=%s\\n' \"$p\"; ")
        .append("if [ -d \"$(dirname -- \"$p\")\" ]; then echo dir=yes; else echo dir=no; fi; ")
        .append("if [ -L \"$p\" ]; then ").append(stat).append(" && readlink -- \"$p\"; ")
        .append("elif [ -f \"$p\" ]; then ").append(stat).append(" && sha256sum < \"$p\"; ")
        .append("elif [ -e \"$p\" ]; then ").append(stat).append("; ")
        .append("else echo absent; fi")
        .toString();
  }

  @Override
  public DestState parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw new ModuleException("cannot inspect " + dest + ": " + result.failureText());
    }
    String[] lines = result.stdout().split("\n", -1);
    if (lines.length < 3 || !lines[0].startsWith("path=") || !lines[1].startsWith("dir=")) {
      throw new ModuleException("unexpected output inspecting " + dest + ": `" + result.stdout().strip() + "`");
    }
    String path = lines[0].substring("path=".length());
    if (!path.startsWith("/")) {
      throw new ModuleException("dest " + dest + " expanded to `" + path + "`, not an absolute path (is HOME set?)");
    }
    boolean dir = lines[1].equals("dir=yes");
    if (lines[2].equals("absent")) {
      return new DestState(path, dir, PathStat.absent(), null);
    }
    RemotePath abs = RemotePath.of("dest", path);
    PathStat peek = StatFact.parseStatLine(abs, lines[2], null);
    if (peek.isLink()) {
      return new DestState(path, dir, StatFact.parseStatLine(abs, lines[2], lines.length > 3 ? lines[3] : ""), null);
    }
    if (peek.isFile()) {
      if (lines.length < 4 || lines[3].isBlank()) {
        throw new ModuleException("unexpected output inspecting " + path + ": no checksum");
      }
      return new DestState(path, dir, peek, Sha256.ofSumLine(lines[3]));
    }
    return new DestState(path, dir, peek, null);
  }
}
