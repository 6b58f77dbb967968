package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns API errors into messages a user can act on; field conflicts name the manager that owns the field. */
public final class KubeErrors {

  // cause message of a server-side apply conflict: conflict with "kubectl" using apps/v1
  private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]*)\"(?: using ([^:]+))?");

  private KubeErrors() {}

  /** One field another manager owns: {@code .spec.replicas} owned by {@code kubectl}. */
  public record FieldConflict(String manager, String field) {}

  /** The field conflicts of a 409 status from server-side apply (empty for other statuses). */
  public static List<FieldConflict> conflicts(Status status) {
    List<FieldConflict> out = new ArrayList<>();
    if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
      return out;
    }
    for (StatusCause cause : status.getDetails().getCauses()) {
      if (!"FieldManagerConflict".equals(cause.getReason())) {
        continue;
      }
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      Matcher m = MANAGER.matcher(message);
      out.add(new FieldConflict(m.find() ? m.group(1) : "another manager", cause.getField()));
    }
    return out;
  }

  /** "field .spec.replicas is owned by kubectl; ..." with a hint about force_conflicts. */
  public static String describeConflicts(String object, List<FieldConflict> conflicts) {
    Map<String, List<String>> byManager = new LinkedHashMap<>();
    for (FieldConflict c : conflicts) {
      byManager.computeIfAbsent(c.manager(), k -> new ArrayList<>()).add(c.field());
    }
    List<String> parts = new ArrayList<>();
    byManager.forEach((manager, fields) -> parts.add((fields.size() == 1 ? "field " : "fields ")
        + String.join(", ", fields) + (fields.size() == 1 ? " is" : " are") + " owned by field manager `"
        + manager + "`"));
    return "apply conflict on " + object + ": " + String.join("; ", parts)
        + ". Set force_conflicts: true to take them over, or leave them out of the manifest";
  }

  /** A ModuleException for a failed request to {@code client}'s server: what we tried, the HTTP code, the reason. */
  public static ModuleException failure(String what, KubernetesClient client, KubernetesClientException e) {
    Status status = e.getStatus();
    List<FieldConflict> conflicts = conflicts(status);
    if (!conflicts.isEmpty()) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("conflicts", conflicts.stream().map(c -> Map.of("manager", c.manager(), "field", c.field())).toList());
      return new ModuleException(describeConflicts(what, conflicts), data, e);
    }
    String reason = status != null && status.getMessage() != null ? status.getMessage() : transport(e, server(client));
    String code = e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "";
    return new ModuleException("cannot " + what + code + ": " + reason, e);
  }

  /** The client's server URL, for messages; null when unknown. */
  public static String server(KubernetesClient client) {
    return client == null || client.getMasterUrl() == null ? null
        : client.getMasterUrl().toString().replaceAll("/+$", "");
  }

  /**
   * Why a request got no answer, in words, from the cause chain (the JDK's HTTP client reports a
   * refused connection as a ConnectException around a message-less ClosedChannelException).
   */
  public static String transport(Throwable e, String server) {
    String why = dev.provision.modules.TransportFailure.describe(e, server == null ? "the API server" : server,
        "is the API server running, and is this its address?");
    return why.endsWith("closed the connection during the request") ? why + " (did it restart?)" : why;
  }

}
