package dev.provision.lab.sim;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The simulated controllers for one test class, on the API server of a fixture registered before it:
 * <pre>{@code
 * @RegisterExtension @Order(1) static final KubeApiServerFixture KUBE = new KubeApiServerFixture();
 * @RegisterExtension @Order(2) static final SimulationFixture SIM = SimulationFixture.homeLab(KUBE::client);
 * }</pre>
 * Started before the class's tests, closed after them.
 */
public final class SimulationFixture implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<KubernetesClient> client;
  private final SimulationOptions options;
  private final Consumer<String> log;
  private SimulatedControllers controllers;

  private SimulationFixture(Supplier<KubernetesClient> client, SimulationOptions options, Consumer<String> log) {
    this.client = client;
    this.options = options;
    this.log = log;
  }

  /** The guide's three nodes ({@link SimulationOptions#homeLab}); log lines are dropped. */
  public static SimulationFixture homeLab(Supplier<KubernetesClient> client) {
    return new SimulationFixture(client, SimulationOptions.homeLab(), line -> {});
  }

  /** The guide's three nodes, each log line to {@code log}. */
  public static SimulationFixture homeLab(Supplier<KubernetesClient> client, Consumer<String> log) {
    return new SimulationFixture(client, SimulationOptions.homeLab(), log);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    controllers = new SimulatedControllers(client.get(), options, log).start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (controllers != null) {
      controllers.close();
      controllers = null;
    }
  }

  public SimulationOptions options() {
    return options;
  }
}
