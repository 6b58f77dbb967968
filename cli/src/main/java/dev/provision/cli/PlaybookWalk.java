package dev.provision.cli;

import dev.provision.event.Recap;
import dev.provision.graph.TaskGraph;
import dev.provision.run.RunOptions;
import dev.provision.run.Runner;
import java.io.PrintStream;

/** One walk of a validated graph under the command line's signals ({@code provision}, {@code provision apply}). */
final class PlaybookWalk {

  private PlaybookWalk() {}

  /** The recap, or the exit code of the signal that stopped the walk. */
  record Done(Recap recap, int exitCode, boolean interrupted) {}

  static Done run(Runner runner, TaskGraph graph, RunOptions options, PrintStream err) throws Exception {
    try (Interrupts interrupts = Interrupts.onSignals(runner::cancel)) {
      Recap recap = runner.run(graph, options);
      if (interrupts.fired()) {
        err.println("provision: interrupted (SIG" + interrupts.signal() + "): running tasks were cancelled");
        return new Done(recap, interrupts.exitCode(), true);
      }
      return new Done(recap, recap.exitCode(options.mode()), false);
    }
  }
}
