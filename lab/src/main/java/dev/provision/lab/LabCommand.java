package dev.provision.lab;

import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.process.LabException;
import java.io.IOException;
import java.io.PrintStream;
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
import picocli.CommandLine;

/**
 * {@code provision lab up|status|down}: a self-contained lab on this machine for the KubeVirt
 * playbook. Real sshd hosts, dnf/rpm, virt-host-validate, HTTP release mirror and Kubernetes API
 * server; simulated kubelet and KubeVirt controllers. State in {@code .lab/}, inventory in
 * {@code inventory/lab/}. Not part of the product jar: {@code ./provision lab ...} runs the lab's own jar.
 */
@Command(
    name = "provision lab",
    mixinStandardHelpOptions = true,
    description = "A local lab for playbooks/kubevirt.yaml: 3 sshd hosts, RPM repo, release mirror, kube-apiserver.")
public final class LabCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--repo", paramLabel = "DIR",
      description = "The Provision repository (default: the one this lab was built in, or the working directory's).")
  Path repo;

  /** {@code java -cp <the lab's class path> dev.provision.lab.LabCommand up|status|down} (what ./provision runs). */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /** Runs the lab command with the given streams and returns the exit code (tests call this directly). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new LabCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 1;
  }

  @Command(name = "up", mixinStandardHelpOptions = true,
      description = "Start the lab (what already runs is kept) and write inventory/lab.")
  int up(@Option(names = "--node", description = "Also start one REAL node (containerd, kubelet, scheduler, bridge "
      + "CNI) that runs real pods; also env PROVISION_LAB_NODE=1. Opt-in for now: see lab/README.md.") boolean node) {
    boolean withNode = node || "1".equals(System.getenv("PROVISION_LAB_NODE"));
    return guarded((layout, out) -> LabUp.run(layout, out, withNode));
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show every lab component (address, pid, running or not). Exit 0 when all run, else 1.")
  int status() {
    return guarded(LabStatus::run);
  }

  @Command(name = "down", mixinStandardHelpOptions = true,
      description = "Stop everything the lab started (by the PIDs it recorded) and remove .lab/ and inventory/lab/.")
  int down() {
    return guarded(LabDown::run);
  }

  private LabLayout layout() throws LabException {
    if (repo != null) {
      if (!LabLayout.isRepository(repo)) {
        throw new LabException(repo + " is not a Provision repository (no lab/kube/apiserver.sh)");
      }
      return new LabLayout(repo);
    }
    return LabLayout.locate().orElseThrow(() -> new LabException(
        "cannot find the Provision repository (lab/kube/apiserver.sh); run from the repository or pass --repo DIR"));
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Runs a step with the lab's lock held (one up/down at a time), turning a failure into one line and exit 1. */
  private int guarded(LabStep step) {
    try {
      LabLayout layout = layout();
      Files.createDirectories(layout.state());
      try (FileChannel channel = FileChannel.open(layout.state().resolve("lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        return step.run(layout, out());
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

  /** A lab action: up, status or down. */
  private interface LabStep {
    int run(LabLayout layout, PrintWriter out) throws IOException;
  }
}
