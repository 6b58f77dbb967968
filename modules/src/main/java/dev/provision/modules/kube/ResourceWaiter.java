package dev.provision.modules.kube;

import dev.provision.connection.Durations;
import dev.provision.module.ModuleException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads or waits for the objects of a {@link Selection} against a {@link WaitGoal}. Waiting uses an informer (list,
 * then watch; after a disconnect or an expired resource version it lists again), and also re-judges its cache once
 * a second, so a missed event can only delay, never hang, a wait. A kind that is not served yet (its CRD not
 * applied) is looked up again every second.
 */
public final class ResourceWaiter {

  private static final long TICK_MILLIS = 1000;

  /** Why the last kind lookup failed, or null. */
  private String lookupFailure;
  private final KubernetesClient client;
  private final Kinds kinds;

  public ResourceWaiter(KubernetesClient client) {
    this.client = client;
    this.kinds = new Kinds(client);
  }

  /** The state now, from one read; a cluster that cannot be reached is an error here, not a state. */
  public Observation snapshot(Selection selection, WaitGoal goal) {
    Optional<KindRef> ref = kinds.resolve(selection.kind(), selection.apiVersion()).filter(kinds::served);
    if (ref.isEmpty()) {
      return notServed(selection, goal);
    }
    List<GenericKubernetesResource> items;
    if (selection.name() != null) {
      GenericKubernetesResource one = named(ref.get(), selection).get();
      items = one == null ? List.of() : List.of(one);
    } else {
      items = listed(ref.get(), selection).list().getItems();
    }
    return goal.judge(maps(items));
  }

  /** Blocks until the goal is met, reporting each new state line; on timeout fails with the last state. */
  public Observation await(Selection selection, WaitGoal goal, Duration timeout, Consumer<String> progress)
      throws ModuleException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Observation last = new Observation(false, "nothing read yet", Map.of());
    String shown = null;
    Optional<KindRef> ref = Optional.empty();
    while (ref.isEmpty()) {
      ref = servedKind(selection);
      if (ref.isEmpty()) {
        last = lookupFailure != null ? new Observation(false, lookupFailure, Map.of()) : notServed(selection, goal);
        shown = show(last, shown, progress);
        if (!sleepUntil(deadline, TICK_MILLIS)) {
          throw timedOut(goal, timeout, last);
        }
      }
    }
    Semaphore changed = new Semaphore(0);
    String[] lastError = new String[1];
    SharedIndexInformer<GenericKubernetesResource> informer = informable(ref.get(), selection).runnableInformer(0);
    informer.addEventHandler(new Signal(changed));
    informer.exceptionHandler((started, error) -> {
      lastError[0] = KubeErrors.transport(error, KubeErrors.server(client));
      changed.release();
      return true; // keep trying: list again, watch again, until the wait times out
    });
    try {
      informer.start();
      while (true) {
        if (informer.hasSynced()) {
          last = goal.judge(maps(informer.getStore().list()));
          shown = show(last, shown, progress);
          if (last.met()) {
            return last;
          }
        } else if (lastError[0] != null) {
          last = new Observation(false, "cannot list " + selection.describe(ref.get().namespaced()) + ": "
              + lastError[0], last.result());
          shown = show(last, shown, progress);
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw timedOut(goal, timeout, last);
        }
        changed.tryAcquire(Math.min(left, TICK_MILLIS), TimeUnit.MILLISECONDS);
        changed.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("interrupted while waiting for " + goal.describe() + "; last seen: " + last.line(),
          last.result());
    } finally {
      informer.stop();
    }
  }

  private static String show(Observation now, String shown, Consumer<String> progress) {
    if (!now.line().equals(shown)) {
      progress.accept(now.line());
    }
    return now.line();
  }

  private static ModuleException timedOut(WaitGoal goal, Duration timeout, Observation last) {
    Map<String, Object> data = new LinkedHashMap<>(last.result());
    data.put("state", last.line());
    return new ModuleException("timed out after " + Durations.format(timeout) + " waiting for " + goal.describe()
        + "; last seen: " + last.line(), data);
  }

  private static boolean sleepUntil(long deadline, long millis) throws ModuleException {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left <= 0) {
      return false;
    }
    try {
      Thread.sleep(Math.min(left, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("interrupted while waiting");
    }
    return true;
  }

  private Observation notServed(Selection selection, WaitGoal goal) {
    String version = selection.apiVersion() == null ? "" : " " + selection.apiVersion();
    return new Observation(goal.absent(), "kind " + selection.kind() + version + " is not served yet (no CRD?)",
        Map.of());
  }

  /**
   * While waiting, a failed lookup (the server restarting, say) is tried again; its reason is kept
   * ({@link #lookupFailure}) so that a wait that times out while the server was unreachable says so.
   */
  private Optional<KindRef> servedKind(Selection selection) {
    try {
      Optional<KindRef> ref = kinds.resolve(selection.kind(), selection.apiVersion());
      lookupFailure = null;
      return ref.filter(kinds::served);
    } catch (KubernetesClientException e) {
      lookupFailure = "the API server is unreachable: " + KubeErrors.transport(e, KubeErrors.server(client));
      return Optional.empty();
    }
  }

  private Informable<GenericKubernetesResource> informable(KindRef ref, Selection selection) {
    return selection.name() != null ? named(ref, selection) : listed(ref, selection);
  }

  private Resource<GenericKubernetesResource> named(KindRef ref, Selection selection) {
    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
        op = client.genericKubernetesResources(ref.context());
    return ref.namespaced() ? op.inNamespace(selection.namespace()).withName(selection.name())
        : op.withName(selection.name());
  }

  private FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> listed(
      KindRef ref, Selection selection) {
    var op = client.genericKubernetesResources(ref.context());
    var scoped = ref.namespaced() && selection.namespace() != null ? op.inNamespace(selection.namespace())
        : op.inAnyNamespace();
    return selection.selector() == null || selection.selector().isBlank() ? scoped
        : scoped.withLabelSelector(selection.selector());
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> maps(List<GenericKubernetesResource> items) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (GenericKubernetesResource item : items) {
      out.add(client.getKubernetesSerialization().convertValue(item, Map.class));
    }
    return out;
  }

  /** Wakes the waiting thread on any change. */
  private record Signal(Semaphore changed) implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource obj) {
      changed.release();
    }

    @Override
    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
      changed.release();
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
      changed.release();
    }
  }
}
