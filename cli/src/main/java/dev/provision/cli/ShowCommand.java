package dev.provision.cli;

import dev.provision.event.Event;
import dev.provision.event.EventSink;
import dev.provision.json.Json;
import dev.provision.module.Mode;
import dev.provision.run.PlannedNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision show PLAN}: a saved plan as {@code --plan} showed it (the same reporter, fed the
 * saved results), then the nodes known only after apply; {@code --output json}: the plan file's
 * document itself, with its {@code schema_version}. Contacts no host.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Shows a saved plan (provision PLAYBOOK --plan --out PLAN) without touching any host.")
final class ShowCommand implements Callable<Integer> {

  @ParentCommand ProvisionCommand parent;

  @Parameters(index = "0", paramLabel = "PLAN", description = "The saved plan.") Path file;

  @Option(names = "--diff", description = "Show the saved before/after diffs.")
  boolean diff;

  @Mixin ReportOptions report;

  @Override
  public Integer call() {
    PlanFile plan = PlanFile.read(file);
    if (report.output == OutputFormat.json) {
      parent.out().println(Json.pretty(plan.toJson(), 2));
      return 0;
    }
    parent.out().println("plan " + plan.id() + ", made " + plan.created() + " from " + plan.playbook() + " -i "
        + plan.inventory() + (plan.options().limit() == null ? "" : " --limit " + plan.options().limit()));
    EventSink sink = report.reporter(parent.out(), diff || plan.options().diff(), plan.options().limit());
    List<String> plays = new ArrayList<>();
    plan.nodes().forEach(n -> {
      if (plays.isEmpty() || !plays.get(plays.size() - 1).equals(n.play())) {
        plays.add(n.play());
      }
    });
    sink.accept(new Event.RunStarted(Mode.PLAN, plan.playbook().toString(), plays.size(), plan.recap().hosts().size(),
        plan.nodes().size()));
    String play = null;
    List<PlannedNode> nodes = plan.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      PlannedNode n = nodes.get(i);
      if (!n.play().equals(play)) {
        play = n.play();
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        for (int j = i; j < nodes.size() && nodes.get(j).play().equals(play); j++) {
          hosts.add(nodes.get(j).host());
        }
        sink.accept(new Event.PlayStarted(play, List.copyOf(hosts)));
      }
      sink.accept(new Event.TaskFinished(n.play(), n.task(), n.host(), n.result(), i + 1, List.of(), n.diff()));
    }
    sink.accept(new Event.RunFinished(Mode.PLAN, plan.recap(), Duration.ZERO));
    List<PlannedNode> later = plan.knownAfterApply();
    if (!later.isEmpty()) {
      parent.out().println("known after apply (planned again and run as planned then, when `provision apply` reaches them):");
      later.forEach(n -> parent.out().println("  " + n.task() + " @ " + n.host() + ": " + n.result().message()));
    }
    List<PlannedNode> predicted = plan.nodes().stream().filter(n -> n.predicted() && !n.knownAfterApply()).toList();
    if (!predicted.isEmpty()) {
      parent.out().println("planned after an earlier change on their host (if what they read changed because of it, their actions are compared "
          + "sizes and counts aside):");
      predicted.forEach(n -> parent.out().println("  " + n.task() + " @ " + n.host() + ": " + n.result().message()));
    }
    return 0;
  }
}
