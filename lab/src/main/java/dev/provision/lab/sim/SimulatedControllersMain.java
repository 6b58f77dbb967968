package dev.provision.lab.sim;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulated controllers as the lab's long-lived background process, until SIGTERM:
 * {@code java -cp <the lab's class path> dev.provision.lab.sim.SimulatedControllersMain --kubeconfig FILE
 * [--nodes a,b,c]}. Lines go to standard output with a time stamp.
 */
public final class SimulatedControllersMain {

  private SimulatedControllersMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path kubeconfig = null;
    List<String> nodes = SimulationOptions.homeLab().nodes();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--kubeconfig" -> kubeconfig = Path.of(value(args, ++i));
        case "--nodes" -> nodes = Arrays.stream(value(args, ++i).split(",")).map(String::strip)
            .filter(s -> !s.isEmpty()).toList();
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (kubeconfig == null) {
      usage("--kubeconfig is required");
    }
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    SimulatedControllers sim = new SimulatedControllers(client, SimulationOptions.of(nodes),
        line -> System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close();
      client.close();
      stopped.countDown();
    }, "simulated-controllers-stop"));
    sim.start();
    stopped.await();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      usage(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: SimulatedControllersMain --kubeconfig FILE [--nodes name1,name2,...]");
    System.exit(64);
  }
}
