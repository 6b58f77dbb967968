package dev.provision.modules.files;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/**
 * The first path below a directory that fails a {@code find} test (built from validated values
 * only), or "" when every one passes: how {@code file} with {@code recurse} stays idempotent.
 */
record TreeFact(RemotePath root, String what, String findTest) implements Fact<String> {

  static TreeFact mode(RemotePath root, FileMode mode) {
    String octal = mode.describe(PathStat.absent());
    return new TreeFact(root, "mode " + octal, "! -type l ! -perm " + octal);
  }

  static TreeFact owners(RemotePath root, Ownership owners) {
    StringBuilder test = new StringBuilder("\\(");
    if (owners.owner() != null) {
      test.append(" ! -user ").append(dev.provision.connection.Shell.quote(owners.owner()));
    }
    if (owners.group() != null) {
      test.append(owners.owner() != null ? " -o" : "").append(" ! -group ")
          .append(dev.provision.connection.Shell.quote(owners.group()));
    }
    return new TreeFact(root, "ownership " + owners.chownArgument(), test.append(" \\)").toString());
  }

  @Override
  public String subject() {
    return root.text();
  }

  @Override
  public String key() {
    return "file.tree:" + root.text() + ":" + what;
  }

  @Override
  public String command() {
    return "find " + root.shell() + " -mindepth 1 " + findTest + " -print -quit";
  }

  @Override
  public String parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw new ModuleException("cannot check " + what + " below " + root + ": " + result.failureText());
    }
    String out = result.stdout();
    int newline = out.indexOf('\n');
    return newline < 0 ? out : out.substring(0, newline);
  }
}
