package dev.provision.modules.packages;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/**
 * When the host's apt cache was last updated, as Ansible's apt module judges it: the mtime of
 * /var/lib/apt/periodic/update-success-stamp, else of /var/lib/apt/lists, else never; and the
 * host's clock, so that the age does not depend on the controller's.
 */
record AptCache(long updated, long now) {

  static final String KEY = "apt.cache-time";

  static Fact<AptCache> fact() {
    String cmd = "s=/var/lib/apt/periodic/update-success-stamp; l=/var/lib/apt/lists; "
        + "if [ -e \"$s\" ]; then m=$(stat -c %Y \"$s\"); elif [ -e \"$l\" ]; then m=$(stat -c %Y \"$l\"); else m=0; fi; "
        + "echo \"$m $(date +%s)\"";
    return new ShellFact<>(KEY, cmd, AptCache::parse);
  }

  static AptCache parse(CommandResult result) throws ModuleException {
    String[] f = result.stdout().trim().split("\\s+");
    if (!result.succeeded() || f.length != 2) {
      throw ShellFact.failed("reading the apt cache's age", result);
    }
    try {
      return new AptCache(Long.parseLong(f[0]), Long.parseLong(f[1]));
    } catch (NumberFormatException e) {
      throw new ModuleException("reading the apt cache's age gave `" + result.stdout().trim() + "`");
    }
  }

  /** Ansible updates unless {@code updated + validSeconds >= now}. */
  boolean stale(long validSeconds) {
    return updated + validSeconds < now;
  }

  String age() {
    return updated == 0 ? "never updated" : "updated " + (now - updated) + " s ago";
  }
}
