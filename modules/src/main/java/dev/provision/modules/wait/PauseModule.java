package dev.provision.modules.wait;

import dev.provision.connection.Durations;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pause}: waits {@code minutes} or {@code seconds} on the control node, with a live countdown.
 * It changes nothing, so it waits the same in a plan as in an apply (as Ansible's pause does in check
 * mode). Provision never reads the keyboard: a pause with no time, which would wait for input, is
 * refused before it starts.
 */
public final class PauseModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .waits()
      .summary("Waits some seconds or minutes on the control node, with a countdown; reads no keyboard input.")
      .note("Waits in a plan too, as Ansible's pause does in check mode. Without seconds or minutes Ansible would wait for keyboard input: Provision reads no terminal input, so that is refused with a clear message.")
      .example("""
          - name: let the operator settle
            pause: {seconds: 10}
          """)
      .param(Param.any("seconds").describedAs("whole seconds to wait"))
      .param(Param.any("minutes").describedAs("whole minutes to wait (wins over seconds, as in Ansible)"))
      .param(Param.string("prompt").describedAs("text shown while waiting; no input is read"))
      .param(Param.bool("echo").defaultsTo(true).describedAs("accepted for Ansible playbooks; no input is read"))
      .build();

  @Override
  public String name() {
    return "pause";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("pause");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    Duration wait;
    if (params.has("minutes") && params.raw("minutes") != null) {
      wait = Duration.ofMinutes(whole("minutes", params.raw("minutes")));
    } else if (params.has("seconds") && params.raw("seconds") != null) {
      wait = Duration.ofSeconds(whole("seconds", params.raw("seconds")));
    } else {
      throw new ModuleException("pause without seconds or minutes waits for keyboard input, and Provision runs "
          + "without reading the terminal (no TTY input): give seconds or minutes");
    }
    String prompt = params.optString("prompt").orElse(null);
    Instant start = Instant.now();
    Instant end = start.plus(wait);
    try {
      for (Instant now = start; now.isBefore(end); now = Instant.now()) {
        Duration left = Duration.between(now, end);
        host.progress((prompt == null ? "paused" : prompt) + ": " + Durations.format(left.plusMillis(999)
            .withNanos(0)) + " left");
        Thread.sleep(Math.min(1000, Math.max(1, left.toMillis())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("pause interrupted after " + Durations.format(
          Duration.between(start, Instant.now()).withNanos(0)));
    }
    Instant stop = Instant.now();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("start", start.toString());
    result.put("stop", stop.toString());
    result.put("delta", wait.toSeconds());
    result.put("echo", params.bool("echo"));
    result.put("user_input", "");
    result.put("stdout", "Paused for " + wait.toSeconds() + " seconds");
    return Plan.noop("paused for " + wait.toSeconds() + (wait.toSeconds() == 1 ? " second" : " seconds"), result);
  }

  private static long whole(String name, Object raw) throws ModuleException {
    String text = String.valueOf(raw).strip();
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ModuleException("`" + name + "` must be a whole number, not `" + text + "`");
    }
  }
}
