package dev.provision.modules.accounts;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;
import java.util.Optional;

/** One user's passwd entry ({@code getent passwd}), or empty when there is no such user. */
record PasswdFact(String user) implements Fact<Optional<PasswdFact.Entry>> {

  record Entry(String name, long uid, long gid, String home) {}

  @Override
  public String key() {
    return "passwd:" + user;
  }

  @Override
  public String command() {
    return "getent passwd " + dev.provision.connection.Shell.quote(user) + " || echo absent";
  }

  @Override
  public Optional<Entry> parse(CommandResult result) throws ModuleException {
    String line = result.stdout().strip();
    if (!result.succeeded()) {
      throw new ModuleException("cannot look up user " + user + ": " + result.failureText());
    }
    if (line.equals("absent") || line.isEmpty()) {
      return Optional.empty();
    }
    String[] f = line.lines().findFirst().orElse("").split(":", -1);
    if (f.length < 7) {
      throw new ModuleException("unexpected passwd entry for " + user + ": `" + line + "`");
    }
    try {
      return Optional.of(new Entry(f[0], Long.parseLong(f[2]), Long.parseLong(f[3]), f[5]));
    } catch (NumberFormatException e) {
      throw new ModuleException("unexpected passwd entry for " + user + ": `" + line + "`");
    }
  }
}
