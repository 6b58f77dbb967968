package dev.provision.modules.kube;

import dev.provision.module.Action;
import dev.provision.module.Diff;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans one object of a manifest against the live cluster, for {@code kube_apply} and
 * {@code kubernetes.core.k8s} alike: a server-side apply (its dry run compared with the live object),
 * a replace, or a delete. Each plan says what it found ({@link ObjectChange}), the action that makes
 * the change (null when there is none) and the object as it would be.
 */
public final class ObjectPlanner {

  /** One object's plan. {@code predicted} is the object after the change (or as it is), null when it goes. */
  public record Planned(ObjectChange change, Action action, Map<String, Object> predicted, Map<String, Object> live) {}

  private final ClusterObjects cluster;

  public ObjectPlanner(ClusterObjects cluster) {
    this.cluster = cluster;
  }

  public ClusterObjects cluster() {
    return cluster;
  }

  /** The reference of a manifest object, in {@code namespace} when it names none. */
  public static ResourceRef refOf(Map<String, Object> object, String namespace) {
    ResourceRef written = ClusterObjects.refOf(object);
    return written.namespace() == null && namespace != null
        ? new ResourceRef(written.apiVersion(), written.kind(), written.name(), namespace) : written;
  }

  /** Server-side apply as {@code owner}: created, configured (with a diff) or unchanged. */
  public Planned apply(ResourceRef ref, Map<String, Object> object, FieldOwner owner) throws ModuleException {
    String header = ref.describe();
    Optional<ResourceRef.Resolved> resolved = cluster.resolve(ref);
    if (resolved.isEmpty()) {
      return new Planned(new ObjectChange(ref, ObjectChange.Outcome.CREATED, "CRD not yet installed",
          Diff.of(header, "", Normalize.display(object))),
          new ApplyObjectAction(cluster, ref, object, owner, ObjectChange.Outcome.CREATED), object, null);
    }
    ResourceRef.Resolved r = resolved.get();
    Map<String, Object> live = cluster.get(r);
    Map<String, Object> predicted;
    for (int attempt = 1; ; attempt++) {
      try {
        predicted = cluster.apply(r, object, true, owner);
      } catch (ModuleException e) {
        if (live == null && e.getCause() instanceof KubernetesClientException k && k.getCode() == 404) {
          // the namespace does not exist yet: an earlier object or task creates it
          return new Planned(new ObjectChange(r.ref(), ObjectChange.Outcome.CREATED, "namespace not yet created",
              Diff.of(header, "", Normalize.display(object))),
              new ApplyObjectAction(cluster, r.ref(), object, owner, ObjectChange.Outcome.CREATED), object, null);
        }
        throw e;
      }
      // A controller may write the object between the read and the dry run (the token controller adds a
      // ServiceAccount's secrets): the dry run then answers from a newer version than the live one read,
      // and the difference is theirs, not ours. Read again and compare like with like.
      if (live == null || Normalize.sameContent(live, predicted) || attempt == 3
          || Objects.equals(resourceVersion(live), resourceVersion(predicted))) {
        break;
      }
      live = cluster.get(r);
    }
    if (live == null) {
      return new Planned(new ObjectChange(r.ref(), ObjectChange.Outcome.CREATED, null,
          Diff.of(header, "", Normalize.display(predicted))),
          new ApplyObjectAction(cluster, r.ref(), object, owner, ObjectChange.Outcome.CREATED), predicted, null);
    }
    if (Normalize.sameContent(live, predicted)) {
      return new Planned(new ObjectChange(r.ref(), ObjectChange.Outcome.UNCHANGED, null, Diff.of(header, "", "")),
          null, live, live);
    }
    return new Planned(new ObjectChange(r.ref(), ObjectChange.Outcome.CONFIGURED, null,
        Diff.of(header, Normalize.display(live), Normalize.display(predicted))),
        new ApplyObjectAction(cluster, r.ref(), object, owner, ObjectChange.Outcome.CONFIGURED), predicted, live);
  }

  private static String resourceVersion(Map<String, Object> object) {
    return object == null ? null : ObjectPath.parse(".metadata.resourceVersion").readText(object).orElse(null);
  }

  /**
   * Deletes with {@code options}; with {@code wait}, the action then waits until the object is gone and
   * fails naming the finalizers that hold it. An object already being deleted is only waited for.
   */
  public Planned delete(ResourceRef ref, DeleteOptions options, Duration wait) throws ModuleException {
    Optional<ResourceRef.Resolved> resolved = cluster.resolve(ref);
    Map<String, Object> live = resolved.isEmpty() ? null : cluster.get(resolved.get());
    ResourceRef shown = resolved.map(ResourceRef.Resolved::ref).orElse(ref);
    if (live == null) {
      return new Planned(new ObjectChange(shown, ObjectChange.Outcome.ABSENT, null, Diff.of(shown.describe(), "", "")),
          null, null, null);
    }
    ResourceRef.Resolved r = resolved.get();
    if (Finalizers.deleting(live)) {
      String note = Finalizers.state(live, java.time.Instant.now());
      if (wait == null) {
        return new Planned(new ObjectChange(shown, ObjectChange.Outcome.BEING_DELETED, note,
            Diff.of(shown.describe(), "", "")), null, null, live);
      }
      return new Planned(new ObjectChange(shown, ObjectChange.Outcome.DELETING, note,
          Diff.of(shown.describe(), Normalize.display(live), "")),
          new DeleteObjectAction(cluster, r, options, wait, false), null, live);
    }
    return new Planned(new ObjectChange(shown, ObjectChange.Outcome.DELETED, null,
        Diff.of(shown.describe(), Normalize.display(live), "")),
        new DeleteObjectAction(cluster, r, options, wait, true), null, live);
  }

  /**
   * Replaces the live object with {@code object} (kubernetes.core's {@code force}): a server dry run of the
   * replace compared with the live object; an object that does not exist yet is created by apply.
   */
  public Planned replace(ResourceRef ref, Map<String, Object> object, FieldOwner owner) throws ModuleException {
    Optional<ResourceRef.Resolved> resolved = cluster.resolve(ref);
    Map<String, Object> live = resolved.isEmpty() ? null : cluster.get(resolved.get());
    if (live == null) {
      return apply(ref, object, owner);
    }
    ResourceRef.Resolved r = resolved.get();
    String version = ObjectPath.parse(".metadata.resourceVersion").readText(live).orElse(null);
    Map<String, Object> predicted = cluster.replace(r, object, version, true);
    if (Normalize.sameContent(live, predicted)) {
      return new Planned(new ObjectChange(r.ref(), ObjectChange.Outcome.UNCHANGED, null, Diff.of(r.ref().describe(), "",
          "")), null, live, live);
    }
    return new Planned(new ObjectChange(r.ref(), ObjectChange.Outcome.REPLACED, null,
        Diff.of(r.ref().describe(), Normalize.display(live), Normalize.display(predicted))),
        new ReplaceObjectAction(cluster, r, object), predicted, live);
  }

  /**
   * Patches the live object, trying the patch types in order until the server takes one (a strategic merge
   * patch of a custom resource is refused with 415, so kubernetes.core's default is strategic, then merge);
   * null when the object does not exist. A patch that changes nothing is unchanged and sends nothing.
   */
  public Planned patch(ResourceRef ref, Object patch, List<PatchKind> kinds, String manager) throws ModuleException {
    Optional<ResourceRef.Resolved> resolved = cluster.resolve(ref);
    Map<String, Object> live = resolved.isEmpty() ? null : cluster.get(resolved.get());
    if (live == null) {
      return null;
    }
    ResourceRef.Resolved r = resolved.get();
    ModuleException refused = null;
    for (PatchKind kind : kinds) {
      Map<String, Object> predicted;
      try {
        predicted = kind.local() ? kind.applyLocally(live, patch) : null;
        if (predicted != null && Normalize.sameContent(live, predicted)) {
          return unchangedPatch(r, live, kind);
        }
        // the server's view: defaults, validation and strategic merge keys
        predicted = cluster.patch(r, kind.type(), patch, true, manager);
      } catch (ModuleException e) {
        if (e.getCause() instanceof KubernetesClientException k && k.getCode() == 415) {
          refused = e;
          continue;
        }
        throw e;
      }
      if (Normalize.sameContent(live, predicted)) {
        return unchangedPatch(r, live, kind);
      }
      return new Planned(new ObjectChange(r.ref(), ObjectChange.Outcome.PATCHED, kind.words(),
          Diff.of(r.ref().describe(), Normalize.display(live), Normalize.display(predicted))),
          new PatchObjectAction(cluster, r, kind, patch, manager), predicted, live);
    }
    throw refused != null ? refused : new ModuleException("no patch type to try for " + r.ref().describe());
  }

  private static Planned unchangedPatch(ResourceRef.Resolved r, Map<String, Object> live, PatchKind kind) {
    return new Planned(new ObjectChange(r.ref(), ObjectChange.Outcome.UNCHANGED, "already matches the " + kind.words(),
        Diff.of(r.ref().describe(), "", "")), null, live, live);
  }

  /** The task's timeout when it is shorter than {@code wanted}. */
  public static Duration bounded(Duration wanted, HostContext host) {
    Duration task = host.timeout();
    return task != null && task.compareTo(wanted) < 0 ? task : wanted;
  }
}
