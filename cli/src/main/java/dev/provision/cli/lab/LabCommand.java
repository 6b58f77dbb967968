package dev.provision.cli.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code provision lab up|status|down}: a self-contained lab on this machine for the KubeVirt
 * playbook. Real sshd hosts, dnf/rpm, virt-host-validate, HTTP release mirror and Kubernetes API
 * server; simulated kubelet and KubeVirt controllers. State in {@code .lab/}, inventory in
 * {@code inventory/lab/}.
 */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    description = "A local lab for playbooks/kubevirt.yaml: 3 sshd hosts, RPM repo, release mirror, kube-apiserver.",
    subcommands = {LabUpCommand.class, LabStatusCommand.class, LabDownCommand.class})
public final class LabCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--repo", paramLabel = "DIR",
      description = "The Provision repository (default: the one this CLI was built in, or the working directory's).")
  Path repo;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 1;
  }

  LabLayout layout() throws LabException {
    if (repo != null) {
      if (!Files.isRegularFile(repo.resolve("lab/kube/apiserver.sh"))) {
        throw new LabException(repo + " is not a Provision repository (no lab/kube/apiserver.sh)");
      }
      return new LabLayout(repo);
    }
    return LabLayout.locate().orElseThrow(() -> new LabException(
        "cannot find the Provision repository (lab/kube/apiserver.sh); run from the repository or pass --repo DIR"));
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Runs a step with the lab's lock held (one up/down at a time), turning LabException into exit 1. */
  int guarded(LabStep step) {
    try {
      LabLayout layout = layout();
      Files.createDirectories(layout.state());
      try (FileChannel channel = FileChannel.open(layout.state().resolve("lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        return step.run(layout);
      }
    } catch (LabException e) {
      err().println("provision lab: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err().println("provision lab: " + e);
      return 1;
    } finally {
      out().flush();
      err().flush();
    }
  }

  /** A lab action. */
  interface LabStep {
    int run(LabLayout layout) throws LabException, IOException;
  }
}
