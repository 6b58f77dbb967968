package dev.provision.lab.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The informers the controllers read from: each lists, then watches, and lists again after a disconnect or an
 * expired resource version (fabric8's reflector); any event calls {@code onChange}. Failures are logged once per
 * kind and retried, so a lost API server only delays the controllers.
 */
final class Informers implements AutoCloseable {

  private final Runnable onChange;
  private final Consumer<String> log;
  private final Map<String, SharedIndexInformer<?>> started = new ConcurrentHashMap<>();

  Informers(Runnable onChange, Consumer<String> log) {
    this.onChange = onChange;
    this.log = log;
  }

  /** Starts (once) an informer for a typed resource in all namespaces. */
  <T extends HasMetadata> SharedIndexInformer<T> typed(String key, Informable<T> source) {
    @SuppressWarnings("unchecked")
    SharedIndexInformer<T> informer = (SharedIndexInformer<T>) started.computeIfAbsent(key, k -> start(k, source));
    return informer;
  }

  /** Starts (once) an informer for a custom resource, once the server serves it. */
  SharedIndexInformer<GenericKubernetesResource> generic(KubernetesClient client, ResourceDefinitionContext context) {
    String key = context.getGroup() + "/" + context.getPlural();
    @SuppressWarnings("unchecked")
    SharedIndexInformer<GenericKubernetesResource> informer = (SharedIndexInformer<GenericKubernetesResource>)
        started.computeIfAbsent(key, k -> start(k, client.genericKubernetesResources(context).inAnyNamespace()));
    return informer;
  }

  boolean has(String group, String plural) {
    return started.containsKey(group + "/" + plural);
  }

  static <T> List<T> items(SharedIndexInformer<T> informer) {
    return informer == null ? List.of() : informer.getStore().list();
  }

  private <T> SharedIndexInformer<T> start(String key, Informable<T> source) {
    SharedIndexInformer<T> informer = source.runnableInformer(0);
    informer.addEventHandler(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        onChange.run();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.run();
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.run();
      }
    });
    boolean[] reported = new boolean[1];
    informer.exceptionHandler((isStarted, error) -> {
      if (!reported[0]) {
        log.accept("watch of " + key + " failed, retrying: " + error.getMessage());
        reported[0] = true;
      }
      return true;
    });
    informer.start();
    return informer;
  }

  @Override
  public void close() {
    started.values().forEach(SharedIndexInformer::stop);
    started.clear();
  }
}
