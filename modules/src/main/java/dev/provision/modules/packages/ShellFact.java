package dev.provision.modules.packages;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/** A fact made of a key, a read-only command and a parser; enough for every fact here. */
record ShellFact<T>(String key, String command, Parser<T> parser) implements Fact<T> {

  @FunctionalInterface
  interface Parser<T> {
    T parse(CommandResult result) throws ModuleException;
  }

  @Override
  public T parse(CommandResult result) throws ModuleException {
    return parser.parse(result);
  }

  /** The error for a tool that is not on the host's PATH (exit 127) or that failed. */
  static ModuleException failed(String what, CommandResult result) {
    if (result.exitCode() == 127) {
      String tool = what.split(" ")[0];
      return new ModuleException("`" + tool + "` is not installed on the host (exit 127: "
          + result.failureText() + ")");
    }
    return new ModuleException(what + " failed with exit " + result.exitCode() + ": " + result.failureText());
  }
}
