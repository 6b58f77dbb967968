package dev.provision.run;

import dev.provision.connection.ConnectionException;
import dev.provision.event.Event;
import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.graph.GatherFactsNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Runs a fact-gathering node: once per host per run, however many plays ask for it. */
final class FactsExecutor {

  private final RunContext run;
  private final FactGatherer gatherer = new FactGatherer();

  FactsExecutor(RunContext run) {
    this.run = run;
  }

  TaskResult execute(GatherFactsNode node) {
    HostState state = run.host(node.host());
    Instant started = Instant.now();
    run.events.accept(new Event.TaskStarted(node.play().name(), GatherFactsNode.TASK_NAME, node.host(), 1,
        run.id(node), GatherFactsNode.MODULE, false));
    if (state.factsGathered()) {
      return result(Status.OK, "facts already gathered", Map.of(), started);
    }
    try {
      dev.provision.playbook.Reach reach = run.reach(node.play().reach(), run.scope(node));
      if (reach == null) {
        return result(Status.FAILED, "the play's `connection`, `remote_user` or `port` reads a value known only"
            + " after apply", Map.of(), started);
      }
      HostConnections.Target target = new HostConnections.Target(node.host(), reach);
      Map<String, Object> facts = gatherer.gather(run.connections.get(target, message -> run.events.accept(
          new Event.TaskProgress(node.play().name(), GatherFactsNode.TASK_NAME, node.host(), message,
              java.time.Duration.between(started, Instant.now()), run.id(node)))));
      state.gathered(facts);
      return result(Status.OK, "gathered facts", Map.of("ansible_facts", facts.get("ansible_facts")), started);
    } catch (ConnectionException e) {
      if (e.hostUnreachable()) {
        state.markUnreachable(e.getMessage());
        return result(Status.UNREACHABLE, e.getMessage(), Map.of(), started);
      }
      if (e.kind() == ConnectionException.Kind.BROKEN) {
        run.connections.drop(node.host());
      }
      return result(Status.FAILED, "gathering facts failed: " + e.getMessage(), Map.of(), started);
    } catch (dev.provision.template.TemplateException e) {
      return result(Status.FAILED, "the play's connection keywords: " + e.getMessage(), Map.of(), started);
    }
  }

  private static TaskResult result(Status status, String message, Map<String, Object> data, Instant started) {
    return new TaskResult(status, message, List.of(), List.of(), data, TaskExecutor.since(started));
  }
}
