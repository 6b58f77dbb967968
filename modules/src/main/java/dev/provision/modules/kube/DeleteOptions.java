package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an object is deleted, the body of the DELETE request ({@code meta/v1 DeleteOptions}):
 * the propagation policy for its dependents (Foreground: the object stays, with the
 * {@code foregroundDeletion} finalizer, until they are gone; Background: it goes at once and the garbage
 * collector removes them; Orphan: they stay), a grace period, and preconditions on its uid and
 * resourceVersion. Null fields are left to the server.
 */
public record DeleteOptions(String propagationPolicy, Long gracePeriodSeconds, String uid, String resourceVersion) {

  public static final List<String> POLICIES = List.of("Foreground", "Background", "Orphan");

  /** kubectl's default: dependents removed by the garbage collector in the background. */
  public static final DeleteOptions BACKGROUND = new DeleteOptions("Background", null, null, null);

  public DeleteOptions {
    if (propagationPolicy != null && !POLICIES.contains(propagationPolicy)) {
      throw new IllegalArgumentException("propagationPolicy must be one of " + String.join(", ", POLICIES)
          + ", not `" + propagationPolicy + "`");
    }
  }

  /** From kubernetes.core's {@code delete_options} mapping: propagationPolicy, gracePeriodSeconds, preconditions. */
  public static DeleteOptions of(Map<String, Object> given, String where) throws ModuleException {
    if (given == null || given.isEmpty()) {
      return BACKGROUND;
    }
    for (String key : given.keySet()) {
      if (!List.of("propagationPolicy", "gracePeriodSeconds", "preconditions").contains(key)) {
        throw new ModuleException(where + ": unknown key `" + key
            + "` (known: propagationPolicy, gracePeriodSeconds, preconditions)");
      }
    }
    Object policy = given.get("propagationPolicy");
    Long grace = null;
    if (given.get("gracePeriodSeconds") != null) {
      try {
        grace = Long.parseLong(String.valueOf(given.get("gracePeriodSeconds")));
      } catch (NumberFormatException e) {
        throw new ModuleException(where + ".gracePeriodSeconds must be a whole number of seconds, not `"
            + given.get("gracePeriodSeconds") + "`");
      }
    }
    String uid = null;
    String version = null;
    if (given.get("preconditions") instanceof Map<?, ?> pre) {
      for (Object key : pre.keySet()) {
        if (!List.of("uid", "resourceVersion").contains(String.valueOf(key))) {
          throw new ModuleException(where + ".preconditions: unknown key `" + key + "` (known: uid, resourceVersion)");
        }
      }
      uid = pre.get("uid") == null ? null : String.valueOf(pre.get("uid"));
      version = pre.get("resourceVersion") == null ? null : String.valueOf(pre.get("resourceVersion"));
    } else if (given.get("preconditions") != null) {
      throw new ModuleException(where + ".preconditions must be a mapping of uid and resourceVersion");
    }
    try {
      // an Ansible task that names no policy leaves it to the server, as kubernetes.core does
      return new DeleteOptions(policy == null ? null : String.valueOf(policy), grace, uid, version);
    } catch (IllegalArgumentException e) {
      throw new ModuleException(where + "." + e.getMessage());
    }
  }

  /** The same options with this propagation policy. */
  public DeleteOptions withPolicy(String policy) {
    return new DeleteOptions(policy, gracePeriodSeconds, uid, resourceVersion);
  }

  /** The request body. */
  public Map<String, Object> body() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", "v1");
    out.put("kind", "DeleteOptions");
    if (propagationPolicy != null) {
      out.put("propagationPolicy", propagationPolicy);
    }
    if (gracePeriodSeconds != null) {
      out.put("gracePeriodSeconds", gracePeriodSeconds);
    }
    if (uid != null || resourceVersion != null) {
      Map<String, Object> pre = new LinkedHashMap<>();
      if (uid != null) {
        pre.put("uid", uid);
      }
      if (resourceVersion != null) {
        pre.put("resourceVersion", resourceVersion);
      }
      out.put("preconditions", pre);
    }
    return out;
  }

  /** "propagation Foreground" for messages; empty for the server's default. */
  public String describe() {
    return propagationPolicy == null ? "" : propagationPolicy.toLowerCase(java.util.Locale.ROOT) + " propagation";
  }
}
