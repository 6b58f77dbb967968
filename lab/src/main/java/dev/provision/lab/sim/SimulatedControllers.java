package dev.provision.lab.sim;

import dev.provision.lab.kube.OrderedApply;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Plays the parts of a cluster that this lab does not have, against a real kube-apiserver: a kubelet (and
 * scheduler) that marks pods Running and Ready on fake nodes, a virt-operator that deploys KubeVirt's components
 * (with its APIService, answered by a small virt-api, and webhooks), reports the KubeVirt CR Deployed and tears it
 * all down when the CR is deleted, a virt-controller that turns running VMs into Running VMIs, and a
 * cdi-operator that reports the CDI CR Available.
 * Nothing really runs: every IP and node is a string written to the API.
 *
 * <p>Level-triggered: any watched change (or every {@code resync}) runs one pass of all controllers on one thread,
 * and each writes only what differs, so a pass after a re-list or a restart repairs whatever was missed. A pass
 * that fails is retried a second later.
 */
public final class SimulatedControllers implements AutoCloseable {

  public static final String NOTICE = "simulated kubelet/virt-operator/virt-controller: nothing really runs";

  private final KubernetesClient client;
  private final SimulationOptions options;
  private final Consumer<String> log;
  private final ScheduledExecutorService loop;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final Informers informers;
  private final FakeNodes nodes;
  private final FakeKubelet kubelet;
  private final FakeVirtOperator operator;
  private final FakeVirtController controller;
  private final FakeCdiOperator cdiOperator;
  private final VirtOperatorInfra virtInfra;
  private volatile boolean closed;
  private volatile long passes;
  private String lastFailure;

  private SharedIndexInformer<Node> nodeStore;
  private SharedIndexInformer<Pod> podStore;
  private SharedIndexInformer<Deployment> deploymentStore;
  private SharedIndexInformer<DaemonSet> daemonSetStore;
  private SharedIndexInformer<CustomResourceDefinition> crdStore;

  public SimulatedControllers(KubernetesClient client, SimulationOptions options, Consumer<String> log) {
    this.client = client;
    this.options = options;
    this.log = line -> log.accept("[simulated] " + line);
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "simulated-controllers");
      t.setDaemon(true);
      return t;
    });
    this.informers = new Informers(this::trigger, this.log);
    AddressPool addresses = new AddressPool(options.nodes());
    this.nodes = new FakeNodes(client, options, addresses, this.log);
    this.kubelet = new FakeKubelet(client, options, addresses, this.log);
    this.virtInfra = new VirtOperatorInfra(client, this.log);
    this.operator = new FakeVirtOperator(client, this.log, virtInfra);
    this.controller = new FakeVirtController(client, options, addresses, this.log);
    this.cdiOperator = new FakeCdiOperator(client, this.log);
  }

  /** Says that it is a simulation, starts the watches and runs until {@link #close}. */
  public SimulatedControllers start() {
    log.accept(NOTICE);
    log.accept("nodes " + String.join(", ", options.nodes()) + "; VMs on " + String.join(", ", options.vmNodes()));
    nodeStore = informers.typed("nodes", client.nodes());
    podStore = informers.typed("pods", client.pods().inAnyNamespace());
    deploymentStore = informers.typed("deployments", client.apps().deployments().inAnyNamespace());
    daemonSetStore = informers.typed("daemonsets", client.apps().daemonSets().inAnyNamespace());
    crdStore = informers.typed("crds", client.apiextensions().v1().customResourceDefinitions());
    long resync = options.resync().toMillis();
    loop.scheduleWithFixedDelay(this::trigger, resync, resync, TimeUnit.MILLISECONDS);
    trigger();
    return this;
  }

  /** Passes run so far (for tests and status output). */
  public long passes() {
    return passes;
  }

  /** Asks for a pass soon; many asks before it runs make one pass. */
  void trigger() {
    if (!closed && pending.compareAndSet(false, true)) {
      try {
        loop.schedule(this::pass, 20, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        pending.set(false); // closing
      }
    }
  }

  private void pass() {
    pending.set(false);
    if (closed || !coreSynced()) {
      if (!closed) {
        loop.schedule(this::trigger, 200, TimeUnit.MILLISECONDS);
      }
      return;
    }
    try {
      nodes.reconcile(nodeStore);
      kubelet.reconcile(Informers.items(podStore));
      StatusWriter status = new StatusWriter(client, crdStore);
      if (established(KubeVirtKinds.KUBEVIRT)) {
        operator.reconcile(Informers.items(informers.generic(client, KubeVirtKinds.KUBEVIRT)),
            new FakeVirtOperator.Stores(deploymentStore, daemonSetStore, crdStore, status));
      }
      if (established(KubeVirtKinds.VM) && established(KubeVirtKinds.VMI)) {
        controller.reconcile(items(KubeVirtKinds.VM), items(KubeVirtKinds.VMI), status);
      }
      if (established(KubeVirtKinds.CDI)) {
        cdiOperator.reconcile(items(KubeVirtKinds.CDI), deploymentStore, status);
      }
      passes++;
      lastFailure = null;
    } catch (RuntimeException e) {
      String message = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (!message.equals(lastFailure)) {
        log.accept("pass failed, retrying in 1s: " + message);
      }
      lastFailure = message;
      if (!closed) {
        loop.schedule(this::trigger, 1, TimeUnit.SECONDS);
      }
    }
  }

  private List<GenericKubernetesResource> items(ResourceDefinitionContext kind) {
    return Informers.items(informers.generic(client, kind));
  }

  /** A custom kind is watched only once its CRD is Established (a new informer syncs before the next pass). */
  private boolean established(ResourceDefinitionContext kind) {
    boolean ready = OrderedApply.established(crdStore.getStore().getByKey(KubeVirtKinds.crdName(kind)));
    if (ready && !informers.has(kind.getGroup(), kind.getPlural())) {
      informers.generic(client, kind);
      loop.schedule(this::trigger, 100, TimeUnit.MILLISECONDS);
      return false;
    }
    if (ready && !informers.generic(client, kind).hasSynced()) {
      loop.schedule(this::trigger, 100, TimeUnit.MILLISECONDS);
      return false;
    }
    return ready;
  }

  private boolean coreSynced() {
    return List.of(nodeStore, podStore, deploymentStore, daemonSetStore, crdStore).stream()
        .allMatch(SharedIndexInformer::hasSynced);
  }

  @Override
  public void close() {
    closed = true;
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    informers.close();
    virtInfra.close();
    log.accept("stopped");
  }
}
