package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/**
 * The three patch types of the API: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic
 * merge patch (built-in kinds only), by the names {@code kube_patch} ({@code merge}, {@code json},
 * {@code strategic}) and kubernetes.core ({@code merge}, {@code json}, {@code strategic-merge}) give them.
 */
public enum PatchKind {
  MERGE(PatchType.JSON_MERGE, "merge patch"),
  JSON(PatchType.JSON, "JSON patch"),
  STRATEGIC(PatchType.STRATEGIC_MERGE, "strategic merge patch");

  private final PatchType type;
  private final String words;

  PatchKind(PatchType type, String words) {
    this.type = type;
    this.words = words;
  }

  /** {@code merge}, {@code json}, {@code strategic} or {@code strategic-merge}. */
  public static PatchKind named(String name) {
    return switch (name) {
      case "json" -> JSON;
      case "strategic", "strategic-merge" -> STRATEGIC;
      default -> MERGE;
    };
  }

  public PatchType type() {
    return type;
  }

  public String words() {
    return words;
  }

  /** Whether the patched object can be computed here (merge and JSON patches), before asking the server. */
  boolean local() {
    return this != STRATEGIC;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> applyLocally(Map<String, Object> live, Object patch) throws ModuleException {
    Object out = this == JSON ? JsonPatch.apply(live, patch) : MergePatch.apply(live, patch);
    return out instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }
}
