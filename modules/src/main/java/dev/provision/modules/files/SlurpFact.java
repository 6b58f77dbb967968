package dev.provision.modules.files;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;
import java.util.Base64;

/**
 * A file's bytes, read with one command as base64 (so any bytes survive the text channel), for
 * {@code slurp}. Fails with Ansible's words for a missing, unreadable or directory path.
 */
record SlurpFact(RemotePath path) implements Fact<byte[]> {

  @Override
  public String key() {
    return "file.bytes:" + path.text();
  }

  @Override
  public String subject() {
    return path.text();
  }

  @Override
  public String command() {
    String p = path.shell();
    return "if [ -d " + p + " ]; then echo directory; elif [ ! -e " + p + " ]; then echo missing; elif [ ! -r " + p
        + " ]; then echo unreadable; else echo content && base64 < " + p + "; fi";
  }

  @Override
  public byte[] parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw new ModuleException("cannot read " + path + ": " + result.failureText());
    }
    String out = result.stdout();
    int nl = out.indexOf('\n');
    String head = nl < 0 ? out.strip() : out.substring(0, nl);
    return switch (head) {
      case "directory" -> throw new ModuleException("source is a directory and must be a file: " + path.text());
      case "missing" -> throw new ModuleException("file not found: " + path.text());
      case "unreadable" -> throw new ModuleException("file is not readable: " + path.text());
      case "content" -> Base64.getMimeDecoder().decode(out.substring(nl + 1));
      default -> throw new ModuleException("unexpected output reading " + path + ": " + head);
    };
  }
}
