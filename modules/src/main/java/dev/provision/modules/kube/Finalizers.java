package dev.provision.modules.kube;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why an object that was deleted is still there: the finalizers that hold it (each removed only by the
 * controller that set it, so one whose controller is gone holds the object for ever), and for a
 * Namespace or a CustomResourceDefinition the conditions their controllers write while content remains
 * ("Some content in the namespace has finalizers remaining: ...").
 */
public final class Finalizers {

  /** Conditions that say why a Namespace or a CRD is not gone yet, when their status is True. */
  private static final Set<String> BLOCKING_CONDITIONS = Set.of("NamespaceDeletionDiscoveryFailure",
      "NamespaceDeletionGroupVersionParsingFailure", "NamespaceDeletionContentFailure", "NamespaceContentRemaining",
      "NamespaceFinalizersRemaining", "Terminating");

  private Finalizers() {}

  /** The finalizers in metadata (and a Namespace's spec.finalizers, which its controller empties last). */
  public static List<String> of(Map<String, Object> object) {
    List<String> out = new ArrayList<>();
    addStrings(ObjectPath.parse(".metadata.finalizers").read(object).orElse(null), out);
    if ("Namespace".equals(object.get("kind"))) {
      addStrings(ObjectPath.parse(".spec.finalizers").read(object).orElse(null), out);
    }
    return out;
  }

  /** Whether the object's deletion has started (it has a deletionTimestamp). */
  public static boolean deleting(Map<String, Object> object) {
    return ObjectPath.parse(".metadata.deletionTimestamp").read(object).isPresent();
  }

  /**
   * How the object stands now, for progress lines and failures: "not being deleted", "being deleted for
   * 12s", or "being deleted for 12s, held by finalizer foregroundDeleteKubeVirt", with the blocking
   * conditions' messages after it.
   */
  public static String state(Map<String, Object> object, Instant now) {
    if (!deleting(object)) {
      return "not being deleted";
    }
    StringBuilder s = new StringBuilder("being deleted");
    since(object, now).ifPresent(d -> s.append(" for ").append(d.toSeconds()).append('s'));
    List<String> finalizers = of(object);
    if (!finalizers.isEmpty()) {
      s.append(", held by finalizer").append(finalizers.size() == 1 ? " " : "s ").append(String.join(", ", finalizers));
    }
    for (String reason : blockingConditions(object)) {
      s.append("; ").append(reason);
    }
    return s.toString();
  }

  /** "held by finalizer X on KubeVirt kubevirt/kubevirt" pieces, for the failure of a deletion that did not end. */
  public static String holders(String what, Map<String, Object> object) {
    List<String> finalizers = of(object);
    if (finalizers.isEmpty()) {
      return what + " has no finalizer left; the API server will remove it";
    }
    return "finalizer" + (finalizers.size() == 1 ? " " : "s ") + String.join(", ", finalizers) + " on " + what;
  }

  private static List<String> blockingConditions(Map<String, Object> object) {
    List<String> out = new ArrayList<>();
    if (ObjectPath.parse(".status.conditions").read(object).orElse(null) instanceof List<?> conditions) {
      for (Object c : conditions) {
        if (c instanceof Map<?, ?> m && BLOCKING_CONDITIONS.contains(String.valueOf(m.get("type")))
            && "True".equals(String.valueOf(m.get("status"))) && m.get("message") != null) {
          out.add(String.valueOf(m.get("message")));
        }
      }
    }
    return out;
  }

  private static java.util.Optional<Duration> since(Map<String, Object> object, Instant now) {
    return ObjectPath.parse(".metadata.deletionTimestamp").readText(object).flatMap(t -> {
      try {
        Duration d = Duration.between(Instant.parse(t), now);
        return java.util.Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e) {
        return java.util.Optional.empty();
      }
    });
  }

  private static void addStrings(Object value, List<String> out) {
    if (value instanceof List<?> list) {
      list.stream().map(String::valueOf).filter(f -> !out.contains(f)).forEach(out::add);
    }
  }
}
