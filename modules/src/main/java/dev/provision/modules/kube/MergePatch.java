package dev.provision.modules.kube;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON merge patch, RFC 7386: mappings merge recursively, null deletes, anything else replaces. */
public final class MergePatch {

  private MergePatch() {}

  /** The patched value; neither argument is modified. */
  @SuppressWarnings("unchecked")
  public static Object apply(Object target, Object patch) {
    if (!(patch instanceof Map<?, ?> patchMap)) {
      return Normalize.plain(patch);
    }
    Map<String, Object> out = target instanceof Map<?, ?> t
        ? (Map<String, Object>) Normalize.plain(t) : new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : patchMap.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (e.getValue() == null) {
        out.remove(key);
      } else {
        out.put(key, apply(out.get(key), e.getValue()));
      }
    }
    return out;
  }
}
