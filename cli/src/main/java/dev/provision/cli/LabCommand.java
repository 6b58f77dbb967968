package dev.provision.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code provision lab ...} in the product jar: the lab (sshd hosts, a kube-apiserver, a simulated kubelet and
 * KubeVirt controllers) is test infrastructure, not part of the product. It has a jar of its own, which the
 * repository's {@code ./provision} launcher runs for {@code lab}; this command says so.
 */
@Command(name = "lab", description = "The self-contained lab: run ./provision lab up|status|down from a Provision "
    + "repository (the lab has its own jar, lab/target/provision-lab.jar; this one does not include it).")
final class LabCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    String words = String.join(" ", args.isEmpty() ? List.of("up") : args);
    spec.commandLine().getErr().println("provision: the lab is not part of this jar. From a Provision repository run:\n"
        + "  ./provision lab " + words + "\n"
        + "(./provision builds and runs the lab's own jar, lab/target/provision-lab.jar)");
    return 1;
  }
}
