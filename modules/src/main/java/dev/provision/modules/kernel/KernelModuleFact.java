package dev.provision.modules.kernel;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/**
 * Whether a kernel module is loaded, as community.general.modprobe decides it: a line of
 * {@code /proc/modules} that starts with its name ({@code -} read as {@code _}), or built into the
 * kernel ({@code modules.builtin} has a line ending {@code /NAME.ko}). Like Ansible, it fails where
 * modprobe is missing or the kernel has no {@code /proc/modules}. {@code name} is checked by the module
 * ({@code [A-Za-z0-9_-]+}), so it needs no quoting.
 */
record KernelModuleFact(String name) implements Fact<KernelModuleFact.State> {

  enum State { LOADED, BUILTIN, ABSENT }

  @Override
  public String key() {
    return "kmod:" + name;
  }

  @Override
  public String subject() {
    return "kernel module " + name;
  }

  @Override
  public String command() {
    String n = name.replace('-', '_');
    return KernelValueFact.PATH + "command -v modprobe >/dev/null || { echo 'no modprobe'; exit 0; }\n"
        + "[ -r /proc/modules ] || { echo 'no /proc/modules'; exit 0; }\n"
        + "if grep -q '^" + n + " ' /proc/modules; then echo loaded; exit 0; fi\n"
        + "b=/lib/modules/$(uname -r)/modules.builtin\n"
        + "[ -r \"$b\" ] || { echo \"no $b\"; exit 0; }\n"
        + "if grep -q '/" + name + "\\.ko$' \"$b\"; then echo builtin; else echo absent; fi\n";
  }

  @Override
  public State parse(CommandResult result) throws ModuleException {
    String out = result.stdout().strip();
    return switch (out) {
      case "loaded" -> State.LOADED;
      case "builtin" -> State.BUILTIN;
      case "absent" -> State.ABSENT;
      case "no modprobe" -> throw new ModuleException("modprobe is not installed (Debian and Fedora: the kmod package)");
      default -> {
        if (out.startsWith("no /")) {
          throw new ModuleException("cannot read " + out.substring(3) + ": this kernel does not load modules "
              + "(a container or a kernel without module support)");
        }
        throw new ModuleException("cannot tell whether kernel module " + name + " is loaded: " + result.failureText());
      }
    };
  }
}
