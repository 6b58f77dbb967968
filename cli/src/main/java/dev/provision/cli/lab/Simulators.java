package dev.provision.cli.lab;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The SIMULATED parts of the lab, in one detached JVM ({@code dev.provision.cli.lab.sim.Main}):
 * a kubelet that marks pods Running and Ready, a virt-operator that deploys KubeVirt (phase
 * Deployed, observedKubeVirtVersion, the VirtualMachine CRDs) and a virt-controller that turns a
 * running VirtualMachine into a Running VirtualMachineInstance. Nothing runs containers or VMs.
 */
final class Simulators {

  static final String MAIN = "dev.provision.cli.lab.sim.SimulatedControllersMain";
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
    if (!available()) {
      throw new LabException("this build has no simulated controllers (" + MAIN + "); rebuild the CLI from a "
          + "tree that has them (mvn -pl cli -am package)");
    }
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", classPath(), MAIN, "--kubeconfig", layout.kubeconfig().toString(), "--nodes", nodes()));
    long started = LabProcesses.spawnDetached(command, layout.simulatorsLog(), layout.simulatorsPid());
    LabProcesses.sleep(700);
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
    if (LabProcesses.stop(layout.simulatorsPid(), MAIN)) {
      out.printf("  simulated  controllers stopped (pid %d)%n", pid.getAsLong());
    }
  }

  /** The fake nodes carry the inventory's host names; VMs go on the workers. */
  private static String nodes() {
    return String.join(",", LabLayout.HOSTS.stream().map(LabHostSpec::name).toList());
  }

  private OptionalLong pid() {
    return LabProcesses.running(layout.simulatorsPid(), MAIN);
  }

  static boolean available() {
    try {
      Class.forName(MAIN, false, Simulators.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command()
        .filter(c -> c.endsWith("/java"))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * The shaded jar this code came from (./provision), else this JVM's class path (tests run from
   * target/classes or module jars; they must not use a manifest-only booter jar, deleted afterwards).
   */
  static String classPath() {
    try {
      Path code = Path.of(Simulators.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // only the shaded jar carries the dependencies; a plain module jar (mvn verify) does not
      if (Files.isRegularFile(code) && code.getFileName().toString().equals("provision.jar")) {
        return code.toString();
      }
    } catch (Exception e) {
      // fall through to the JVM's class path
    }
    return String.join(File.pathSeparator, System.getProperty("java.class.path").split(File.pathSeparator));
  }
}
