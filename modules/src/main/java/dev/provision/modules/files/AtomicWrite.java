package dev.provision.modules.files;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Uploads bytes (on stdin) and installs them with an {@link AtomicScript}. */
record AtomicWrite(AtomicScript script, byte[] content) implements Action {

  static AtomicWrite of(RemotePath dest, byte[] content, FileMode mode, Ownership owners) {
    return new AtomicWrite(AtomicScript.fromStdin(dest, content.length).attributes(mode, owners), content);
  }

  @Override
  public String describe() {
    return "write " + script.dest() + " (" + content.length + " bytes) through a temporary file";
  }

  @Override
  public java.util.List<dev.provision.module.PlannedWrite> writes() {
    return java.util.List.of(new dev.provision.module.PlannedWrite(script.dest().text(), content, null));
  }

  /** Fails with the host, the path and the reason (permission denied, no space left...). */
  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
    Command command = Command.of(script.script()).withStdin(content).withBecome(host.become())
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
