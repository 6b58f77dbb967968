package dev.provision.modules.kernel;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sysctl or modprobe command that changes the kernel. It fails with {@code failure} and what the
 * command said when it exits non-zero, or (sysctl) when it says it could not set a key although it
 * exited 0, as Ansible's {@code _stderr_failed} checks.
 */
record KernelCommand(String description, String script, String failure) implements Action {

  /** sysctl's words for a key it could not set, which some versions report with exit status 0. */
  private static final String REFUSED = "^sysctl: setting key \"[^\"]+\": (Invalid argument|Read-only file system)$";

  static KernelCommand sysctl(String description, String args, String failure) {
    String run = KernelValueFact.PATH + "o=$(sysctl " + args + " 2>&1) || { printf '%s\\n' \"$o\" >&2; exit 1; }\n"
        + "printf '%s\\n' \"$o\"\n"
        + "if printf '%s\\n' \"$o\" | grep -Eq '" + REFUSED + "'; then exit 1; fi\n";
    return new KernelCommand(description, run, failure);
  }

  static KernelCommand of(String description, String script, String failure) {
    return new KernelCommand(description, KernelValueFact.PATH + script, failure);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
    CommandResult result = host.connection().run(Command.of(script).withBecome(host.become()).withTimeout(host.timeout()));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("rc", (long) result.exitCode());
    if (!result.succeeded()) {
      data.put("stderr", result.stderr());
      throw new ModuleException(failure + ": " + (result.stdout() + result.stderr()).strip(), data);
    }
    return data;
  }
}
