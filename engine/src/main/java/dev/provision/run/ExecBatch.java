package dev.provision.run;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.ExecAction;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Consecutive plain {@link ExecAction}s of one plan (create a directory, then set its mode, then its
 * owner) run as one command, so a task costs one round trip rather than one per step. The steps run
 * in order and stop at the first that fails, which is reported exactly as if it had run alone.
 * Steps that may fail, or that take stdin, run alone.
 */
final class ExecBatch {

  private ExecBatch() {}

  /** The actions to run: each run of two or more batchable steps becomes one {@link Steps}. */
  static List<Action> group(List<Action> actions) {
    List<Action> out = new ArrayList<>();
    List<ExecAction> run = new ArrayList<>();
    for (Action action : actions) {
      if (action instanceof ExecAction e && batchable(e) && (run.isEmpty() || run.get(0).become() == e.become())) {
        run.add(e);
        continue;
      }
      flush(run, out);
      if (action instanceof ExecAction e && batchable(e)) {
        run.add(e);
      } else {
        out.add(action);
      }
    }
    flush(run, out);
    return out;
  }

  private static boolean batchable(ExecAction e) {
    return !e.allowFailure() && e.stdin() == null;
  }

  private static void flush(List<ExecAction> run, List<Action> out) {
    if (run.size() == 1) {
      out.add(run.get(0));
    } else if (run.size() > 1) {
      out.add(new Steps(List.copyOf(run)));
    }
    run.clear();
  }

  /** Several steps in one command; a failing step names itself on stderr with a marker line. */
  record Steps(List<ExecAction> steps) implements Action {

    @Override
    public String describe() {
      return String.join("; ", steps.stream().map(ExecAction::describe).toList());
    }

    @Override
    public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
      String marker = "provision-step-failed-" + UUID.randomUUID() + "-";
      StringBuilder script = new StringBuilder();
      for (int i = 0; i < steps.size(); i++) {
        // a subshell each, so a step's exit, cd or variables act as they would if it ran alone
        script.append("( ").append(steps.get(i).command()).append("\n) || { s=$?; echo ").append(marker).append(i)
            .append(" >&2; exit $s; }\n");
      }
      Command command = Command.of(script.toString()).withBecome(steps.get(0).become() || host.become())
          .withTimeout(host.timeout());
      CommandResult result = host.connection().run(command);
      int failed = -1;
      StringBuilder stderr = new StringBuilder();
      for (String line : result.stderr().split("\n", -1)) {
        if (line.startsWith(marker)) {
          failed = Integer.parseInt(line.substring(marker.length()).strip());
        } else {
          stderr.append(stderr.length() > 0 ? "\n" : "").append(line);
        }
      }
      CommandResult cleaned = new CommandResult(result.exitCode(), result.stdout(), stderr.toString(), result.elapsed());
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("rc", cleaned.exitCode());
      data.put("stdout", cleaned.stdout());
      data.put("stderr", cleaned.stderr());
      if (!cleaned.succeeded()) {
        String which = failed >= 0 ? steps.get(failed).command() : command.script();
        throw new ModuleException("`" + which + "` exited " + cleaned.exitCode() + ": " + cleaned.failureText(), data);
      }
      return data;
    }
  }
}
