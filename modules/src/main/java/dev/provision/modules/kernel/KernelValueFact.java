package dev.provision.modules.kernel;

import dev.provision.connection.CommandResult;
import dev.provision.connection.Shell;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/**
 * A kernel parameter's current value, as {@code sysctl -e -n KEY} prints it (Ansible's read): null
 * when sysctl fails, empty for a key the kernel does not have (with {@code -e} sysctl prints nothing
 * and succeeds).
 */
record KernelValueFact(String key) implements Fact<String> {

  /** sysctl lives in /sbin or /usr/sbin, often not in a login user's PATH. */
  static final String PATH = "PATH=\"$PATH:/sbin:/usr/sbin\"; export PATH; LC_ALL=C; export LC_ALL; ";

  @Override
  public String key() {
    return "sysctl:" + key;
  }

  @Override
  public String subject() {
    return "the kernel's " + key;
  }

  @Override
  public String command() {
    return PATH + "sysctl -e -n " + Shell.quote(key) + " || echo '(sysctl failed)'";
  }

  @Override
  public String parse(CommandResult result) throws ModuleException {
    String out = result.stdout();
    if (!result.succeeded() || out.equals("(sysctl failed)\n")) {
      return null;
    }
    return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
  }
}
