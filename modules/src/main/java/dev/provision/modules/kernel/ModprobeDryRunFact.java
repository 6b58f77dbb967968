package dev.provision.modules.kernel;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;

/**
 * modprobe's dry run ({@code -n}) of a load or an unload: it resolves the module and its
 * dependencies and changes nothing, as Ansible's check mode runs it. The value is empty when modprobe
 * would succeed, else what it said. {@code args} are already shell words.
 */
record ModprobeDryRunFact(String args) implements Fact<String> {

  @Override
  public String key() {
    return "modprobe -n:" + args;
  }

  @Override
  public String command() {
    return KernelValueFact.PATH + "modprobe -n " + args;
  }

  @Override
  public String parse(CommandResult result) {
    return result.succeeded() ? "" : result.failureText();
  }
}
