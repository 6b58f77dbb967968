package dev.provision.event;

import dev.provision.module.Mode;
import java.time.Duration;
import java.util.List;

/**
 * Everything a run reports goes through events; reporters (text, JSON lines) render them. The
 * engine never prints.
 */
public sealed interface Event {

  record RunStarted(Mode mode, String playbook, int plays, int hosts, int nodes) implements Event {}

  record PlayStarted(String play, List<String> hosts) implements Event {}

  record TaskStarted(String play, String task, String host, int attempt) implements Event {}

  /** A live progress line for a long task (waits, downloads). */
  record TaskProgress(String play, String task, String host, String message, Duration elapsed)
      implements Event {}

  /** A task failed and will be tried again ({@code retries}/{@code until}). */
  record TaskRetrying(String play, String task, String host, int attempt, int retries, String reason)
      implements Event {}

  record TaskFinished(String play, String task, String host, TaskResult result) implements Event {}

  record RunFinished(Mode mode, Recap recap, Duration elapsed) implements Event {}
}
