package dev.provision.modules.files;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Uploads content (on stdin, streamed from a large control-node file) and installs it with an {@link AtomicScript}. */
record AtomicWrite(AtomicScript script, NewContent content) implements Action {

  static AtomicWrite of(RemotePath dest, byte[] content, FileMode mode, Ownership owners) {
    return new AtomicWrite(AtomicScript.fromStdin(dest, content.length).attributes(mode, owners), NewContent.of(content));
  }

  @Override
  public String describe() {
    return "write " + script.dest() + " (" + content.size() + " bytes) through a temporary file";
  }

  @Override
  public java.util.List<dev.provision.module.PlannedWrite> writes() {
    return java.util.List.of(new dev.provision.module.PlannedWrite(script.dest().text(), content.bytes(), null));
  }

  /** Fails with the host, the path and the reason (permission denied, no space left...). */
  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
    Command command = content.onStdin(Command.of(script.script())).withBecome(host.become())
        .withTimeout(host.timeout());
    CommandResult result = host.connection().run(command);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("rc", (long) result.exitCode());
    result.stdout().lines().filter(l -> l.startsWith(AtomicScript.BACKUP_LINE))
        .forEach(l -> data.put("backup_file", l.substring(AtomicScript.BACKUP_LINE.length())));
    if (!result.succeeded()) {
      data.put("stderr", result.stderr());
      throw new ModuleException("cannot write " + script.dest() + " on " + host.host() + ": " + script.reason(result),
          data);
    }
    return data;
  }
}
