package dev.provision.modules.files;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The content (base64) or SHA-1 of several host files, in one read-only command, for {@code find}'s
 * {@code contains} and {@code get_checksum}. One line per file, in order: {@code -} when the file
 * cannot be read (Ansible's find then treats it as not matching), else the value.
 */
record FileReadsFact(List<String> paths, boolean sha1) implements Fact<List<FileReadsFact.Read>> {

  /** {@code bytes} for content, {@code sha1} for a checksum; both null when unreadable. */
  record Read(String path, byte[] bytes, String sha1) {}

  @Override
  public String key() {
    return (sha1 ? "file.sha1s:" : "file.contents:") + String.join("\n", paths);
  }

  @Override
  public String subject() {
    return paths.size() + " files";
  }

  @Override
  public String command() {
    StringBuilder cmd = new StringBuilder(":");
    for (String path : paths) {
      String p = dev.provision.connection.Shell.quote(path);
      cmd.append("; if [ -r ").append(p).append(" ]; then ")
          .append(sha1 ? "v=$(sha1sum < " + p + ") && printf '%s\\n' \"${v%% *}\"" : "base64 -w0 < " + p + " && echo")
          .append(" || echo -; else echo -; fi");
    }
    return cmd.toString();
  }

  @Override
  public List<Read> parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw new ModuleException("cannot read " + subject() + ": " + result.failureText());
    }
    String[] lines = result.stdout().split("\n", -1);
    if (lines.length < paths.size()) {
      throw new ModuleException("unexpected output reading " + subject());
    }
    List<Read> out = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      String line = lines[i];
      if (line.equals("-")) {
        out.add(new Read(paths.get(i), null, null));
      } else if (sha1) {
        out.add(new Read(paths.get(i), null, line.strip()));
      } else {
        out.add(new Read(paths.get(i), Base64.getDecoder().decode(line.strip()), null));
      }
    }
    return out;
  }
}
