package dev.provision.lab;

import dev.provision.lab.layout.LabHostSpec;
import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.process.LabException;
import dev.provision.lab.process.Processes;
import dev.provision.lab.sim.SimulatedControllersMain;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The SIMULATED parts of the lab, in one detached JVM ({@link SimulatedControllersMain}): a kubelet that marks
 * pods Running and Ready, a virt-operator that deploys KubeVirt (phase Deployed, observedKubeVirtVersion, the
 * VirtualMachine CRDs) and a virt-controller that turns a running VirtualMachine into a Running
 * VirtualMachineInstance. Nothing runs containers or VMs.
 */
final class Simulators {

  static final String MAIN = SimulatedControllersMain.class.getName();
  static final String NOTICE = "SIMULATED: kubelet, virt-operator and virt-controller are played by "
      + "the lab's simulated controllers; no container or VM really runs";

  private final LabLayout layout;

  Simulators(LabLayout layout) {
    this.layout = layout;
  }

  void up(PrintWriter out) throws LabException {
    OptionalLong pid = pid();
    if (pid.isPresent()) {
      out.printf("  simulated  controllers already running (pid %d)%n", pid.getAsLong());
      return;
    }
    // this JVM's class path: the lab's jar and its libraries (./provision), or the test class path (it-tests run
    // with real class path entries, not a manifest-only booter jar that is deleted when the tests end)
    List<String> command = List.of(javaBinary(), "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), MAIN, "--kubeconfig", layout.kubeconfig().toString(),
        "--nodes", nodes());
    long started = Processes.spawnDetached(command, layout.simulatorsLog(), layout.simulatorsPid());
    Processes.sleep(700);
    if (ProcessHandle.of(started).map(p -> !p.isAlive()).orElse(true)) {
      throw new LabException("the simulated controllers exited at once; see " + layout.simulatorsLog());
    }
    out.printf("  simulated  controllers started (pid %d, log %s)%n", started, layout.simulatorsLog());
  }

  boolean status(PrintWriter out) {
    OptionalLong pid = pid();
    out.printf("  simulated  kubelet, virt-operator, virt-controller  %s%n",
        pid.isEmpty() ? "stopped" : "running (pid " + pid.getAsLong() + ")");
    return pid.isPresent();
  }

  void down(PrintWriter out) {
    OptionalLong pid = pid();
    if (Processes.stop(layout.simulatorsPid(), MAIN)) {
      out.printf("  simulated  controllers stopped (pid %d)%n", pid.getAsLong());
    }
  }

  /** The fake nodes carry the inventory's host names; VMs go on the workers. */
  private static String nodes() {
    return String.join(",", LabLayout.HOSTS.stream().map(LabHostSpec::name).toList());
  }

  private OptionalLong pid() {
    return Processes.running(layout.simulatorsPid(), MAIN);
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command()
        .filter(c -> c.endsWith("/java"))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
