package dev.provision.modules.cron;

import dev.provision.connection.ConnectionException;
import dev.provision.module.Diff;
import dev.provision.module.ExecAction;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.files.FileContentFact;
import dev.provision.modules.files.FileWrite;
import dev.provision.modules.files.Ownership;
import dev.provision.modules.files.PlannedFiles;
import dev.provision.modules.files.RemoteFile;
import dev.provision.modules.files.RemotePath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cron}: a named job or an environment variable in a user's crontab ({@code crontab -l}, then
 * the new text on {@code crontab -}'s stdin) or in a cron.d file (written atomically), edited with
 * Ansible's algorithm ({@link CronTab}), so the lines are the ones Ansible writes.
 */
public final class CronModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Manages a named cron job, or a crontab variable, in a user's crontab or a cron.d file, writing the lines Ansible writes.")
      .note("A job is the line after '#Ansible: NAME' (minute hour day month weekday [user] job, or @special_time; disabled comments it out); a job already there as the exact line gains the header. env manages NAME=\"job\" instead, added on top or after/before another variable. A crontab is read with crontab -l and replaced with crontab - (crontab -u USER for another user); a cron_file (relative: under /etc/cron.d) is written atomically, and removed when absent leaves it empty. The host needs the crontab command unless cron_file is used.")
      .returns("jobs", "the names of the jobs in the crontab after the task")
      .returns("envs", "the names of its variables")
      .returns("cron_file", "the cron file, when one was given")
      .example("""
          - name: nightly backup
            cron:
              name: backup
              minute: "0"
              hour: "3"
              job: /usr/local/bin/backup.sh > /dev/null
              user: root
              cron_file: backup
          """)
      .param(Param.string("name").required().describedAs("the job's name (its #Ansible: header), or the variable's with env"))
      .param(Param.string("user").describedAs("whose crontab (default: the login user's); in a cron_file, the user the job runs as"))
      .param(Param.string("job").aliases("value").describedAs("the command, or the variable's value with env"))
      .param(Param.string("cron_file").describedAs("a cron.d file instead of a crontab (relative: under /etc/cron.d)"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present").describedAs("present or absent"))
      .param(Param.string("minute").defaultsTo("*").describedAs("minute field"))
      .param(Param.string("hour").defaultsTo("*").describedAs("hour field"))
      .param(Param.string("day").aliases("dom").defaultsTo("*").describedAs("day-of-month field"))
      .param(Param.string("month").defaultsTo("*").describedAs("month field"))
      .param(Param.string("weekday").aliases("dow").defaultsTo("*").describedAs("day-of-week field"))
      .param(Param.string("special_time").choices("reboot", "yearly", "annually", "monthly", "weekly", "daily", "hourly")
          .describedAs("@reboot, @daily.. instead of the time fields"))
      .param(Param.bool("disabled").defaultsTo(false).describedAs("comment the job out"))
      .param(Param.bool("env").defaultsTo(false).describedAs("manage a variable NAME=\"job\" instead of a job"))
      .param(Param.string("insertafter").describedAs("with env: put a new variable after this one"))
      .param(Param.string("insertbefore").describedAs("with env: put a new variable before this one"))
      .param(Param.bool("backup").notSupportedYet("copy the crontab or cron file with copy remote_src first"))
      .mutuallyExclusive("insertafter", "insertbefore")
      .build();

  @Override
  public String name() {
    return "cron";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("cron");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String name = params.string("name");
    String user = params.optString("user").orElse(null);
    if (user != null && !user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?")) {
      throw new ModuleException("user `" + user + "` is not a valid name");
    }
    String job = params.optString("job").orElse(null);
    boolean present = params.stringOr("state", "present").equals("present");
    boolean env = params.bool("env");
    String special = params.optString("special_time").orElse(null);
    String minute = params.stringOr("minute", "*");
    String hour = params.stringOr("hour", "*");
    String day = params.stringOr("day", "*");
    String month = params.stringOr("month", "*");
    String weekday = params.stringOr("weekday", "*");
    RemotePath file = null;
    if (params.has("cron_file")) {
      String given = params.string("cron_file");
      if (given.equals("/etc/crontab")) {
        throw new ModuleException("Will not manage /etc/crontab via cron_file, see documentation.");
      }
      file = RemotePath.of("cron_file", given.startsWith("/") ? given : "/etc/cron.d/" + given);
    }
    if (special != null && List.of(minute, hour, day, month, weekday).stream().anyMatch(f -> !f.equals("*"))) {
      throw new ModuleException("You must specify time and date fields or special time.");
    }
    if (present) {
      if (file != null && user == null) {
        throw new ModuleException("To use cron_file=... parameter you must specify user=... as well");
      }
      if (job == null) {
        throw new ModuleException("You must specify 'job' to install a new cron job or variable");
      }
      if ((params.has("insertafter") || params.has("insertbefore")) && !env) {
        throw new ModuleException("Insertafter and insertbefore parameters are valid only with env=yes");
      }
    }
    RemoteFile current = null;
    String existing;
    if (file != null) {
      current = PlannedFiles.read(host, FileContentFact.whole(file), false);
      existing = current.stat().isFile() ? current.content() : "";
    } else {
      existing = host.fact(new CrontabFact(user));
    }
    CronTab tab = file != null ? CronTab.ofFile(existing, user) : CronTab.ofCrontab(existing, user);
    String before = file != null ? existing : CronTab.withoutHeader(existing);
    String header = file != null ? file.text() : user != null ? "crontab for user \"" + user + "\"" : "crontab";
    List<String> warnings = new ArrayList<>();
    boolean changed = false;
    if (env) {
      if (name.contains(" ")) {
        throw new ModuleException("Invalid name for environment variable");
      }
      String decl = name + "=\"" + job + "\"";
      int old = tab.findEnv(name);
      if (present) {
        if (old < 0) {
          String other = params.optString("insertafter").orElse(params.optString("insertbefore").orElse(null));
          if (!tab.addEnv(decl, params.optString("insertafter").orElse(null), params.optString("insertbefore").orElse(null))) {
            throw new ModuleException("Variable named '" + other + "' not found.");
          }
          changed = true;
        } else if (!tab.line(old).equals(decl)) {
          tab.updateEnv(name, decl);
          changed = true;
        }
      } else if (old >= 0) {
        tab.updateEnv(name, null);
        changed = true;
      }
    } else if (present) {
      if (job.replaceAll("^[\r\n]+|[\r\n]+$", "").matches("(?s).*[\r\n].*")) {
        warnings.add("Job should not contain line breaks");
      }
      String line = tab.jobLine(minute, hour, day, month, weekday, job, special, params.bool("disabled"));
      List<String> old = tab.findJob(name, line);
      if (old.isEmpty()) {
        tab.addJob(name, line);
        changed = true;
      } else if (!old.get(1).equals(line) || old.size() > 2) {
        tab.updateJob(name, line);
        changed = true;
      }
    } else if (!tab.findJob(name, null).isEmpty()) {
      tab.updateJob(name, null);
      changed = true;
      if (file != null && tab.isEmpty()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cron_file", params.string("cron_file"));
        result.put("state", "absent");
        return Plan.change("remove " + file + ", empty without job " + name,
            List.of(Diff.of(header, before, "")), List.of(ExecAction.of("rm -f -- " + file.shell())
                .describedAs("remove " + file))).withResult(result);
      }
    }
    if (!changed && !before.isEmpty() && !(before.endsWith("\n") || before.endsWith("\r"))) {
      changed = true;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("jobs", tab.jobNames());
    result.put("envs", tab.envNames());
    result.put("warnings", warnings);
    if (file != null) {
      result.put("cron_file", params.string("cron_file"));
    }
    String what = (env ? "variable " : "job ") + name;
    String where = file != null ? file.text() : user != null ? "the crontab of " + user : "the crontab";
    if (!changed) {
      return Plan.noop(what + (present ? " is in " : " is not in ") + where + " as wanted", result);
    }
    String text = tab.render();
    String change = (present ? "set " : "remove ") + what + " in " + where;
    if (file != null) {
      FileWrite write = FileWrite.of(file, text.getBytes(StandardCharsets.UTF_8), null, new Ownership(null, null));
      return write.plan(current, change, what + " is in " + where + " as wanted", result);
    }
    ExecAction install = ExecAction.of(CrontabFact.crontab(user, "-")).withStdin(text.getBytes(StandardCharsets.UTF_8))
        .describedAs("install the new " + header);
    return Plan.change(change, List.of(Diff.of(header, before, text)), List.of(install)).withResult(result);
  }
}
