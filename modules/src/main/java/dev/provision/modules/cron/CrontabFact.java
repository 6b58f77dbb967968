package dev.provision.modules.cron;

import dev.provision.connection.CommandResult;
import dev.provision.connection.Shell;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/**
 * What {@code crontab -l} prints for a user (the login user's own when {@code user} is null or is the
 * login user, as Ansible does, since crontab -u needs root), exactly, trailing newline included.
 * Exit 1 means no crontab, as in Ansible; the exit code is the output's last line.
 */
record CrontabFact(String user) implements Fact<String> {

  @Override
  public String key() {
    return "crontab:" + (user == null ? "" : user);
  }

  /** The crontab command for this user, with {@code action} ({@code -l}, {@code -}). */
  static String crontab(String user, String action) {
    if (user == null) {
      return "crontab " + action;
    }
    String u = Shell.quote(user);
    return "if [ \"$(id -un)\" = " + u + " ]; then crontab " + action + "; else crontab -u " + u + " " + action + "; fi";
  }

  @Override
  public String command() {
    return "command -v crontab >/dev/null || { echo 'no crontab command' >&2; exit 127; }; { " + crontab(user, "-l")
        + "; } 2>/dev/null; printf '\\nrc %s\\n' $?";
  }

  @Override
  public String parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw new ModuleException("cannot read the crontab" + (user == null ? "" : " of " + user) + ": "
          + result.failureText() + (result.exitCode() == 127 ? " (install cron first)" : ""));
    }
    String out = result.stdout();
    int end = out.lastIndexOf("\nrc ");
    if (end < 0) {
      throw new ModuleException("unexpected output reading the crontab: " + out);
    }
    String rc = out.substring(end + 4).strip();
    if (!rc.equals("0") && !rc.equals("1")) {
      throw new ModuleException("Unable to read crontab" + (user == null ? "" : " of " + user) + " (crontab -l exited " + rc + ")");
    }
    return out.substring(0, end);
  }
}
