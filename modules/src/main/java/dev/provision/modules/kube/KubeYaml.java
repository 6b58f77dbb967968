package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Kubernetes YAML: multi-document manifests to plain objects ({@code kind: List} flattened, empty
 * documents skipped), and objects back to block YAML with sorted keys for stable diffs.
 */
public final class KubeYaml {

  private KubeYaml() {}

  /**
   * What a task's parameters add to objects that leave it out ({@code kubernetes.core.k8s}'s
   * {@code kind}, {@code api_version}, {@code name}, {@code namespace}): a field the object has wins, as
   * in kubernetes.core. Each may be null.
   */
  public record Defaults(String apiVersion, String kind, String name, String namespace) {
    public static final Defaults NONE = new Defaults(null, null, null, null);
  }

  /** Every object of a (multi-document) manifest. {@code origin} names it in errors. */
  public static List<Map<String, Object>> objects(String text, String origin) throws ModuleException {
    return objects(text, origin, Defaults.NONE);
  }

  /** Every object of a (multi-document) manifest, completed with {@code defaults}. */
  public static List<Map<String, Object>> objects(String text, String origin, Defaults defaults)
      throws ModuleException {
    List<Map<String, Object>> out = new ArrayList<>();
    int index = 0;
    try {
      Load load = new Load(LoadSettings.builder().setLabel(origin).setAllowDuplicateKeys(false).build());
      for (Object doc : load.loadAllFromString(text)) {
        index++;
        collect(doc, origin + " document " + index, out, defaults);
      }
    } catch (YamlEngineException e) {
      throw new ModuleException("invalid YAML in " + origin + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Objects given as plain data: one mapping, a list of mappings, or YAML text. */
  public static List<Map<String, Object>> objects(Object value, String origin) throws ModuleException {
    return objects(value, origin, Defaults.NONE);
  }

  /** Objects given as plain data (one mapping, a list of mappings or of YAML texts, or YAML text), completed. */
  public static List<Map<String, Object>> objects(Object value, String origin, Defaults defaults)
      throws ModuleException {
    if (value instanceof String s) {
      return objects(s, origin, defaults);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      int i = 0;
      for (Object item : list) {
        i++;
        if (item instanceof String text) {
          out.addAll(objects(text, origin + " item " + i, defaults));
        } else {
          collect(item, origin + " item " + i, out, defaults);
        }
      }
    } else {
      collect(value, origin, out, defaults);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object doc, String where, List<Map<String, Object>> out, Defaults defaults)
      throws ModuleException {
    if (doc == null) {
      return;
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new ModuleException(where + " is not a Kubernetes object (a mapping with apiVersion and kind)");
    }
    Map<String, Object> object = (Map<String, Object>) Normalize.plain(map);
    complete(object, defaults);
    if (object.get("kind") instanceof String kind && kind.endsWith("List") && object.get("items") instanceof List<?> items) {
      // a List (or ConfigMapList...) is its items, each of the list's kind and version unless it says otherwise
      Defaults forItems = new Defaults(String.valueOf(object.get("apiVersion")),
          kind.equals("List") ? null : kind.substring(0, kind.length() - "List".length()), null, defaults.namespace());
      int i = 0;
      for (Object item : items) {
        collect(item, where + " item " + (++i), out, forItems);
      }
      return;
    }
    for (String key : new String[] {"apiVersion", "kind"}) {
      if (!(object.get(key) instanceof String s) || s.isBlank()) {
        throw new ModuleException(where + " has no " + key);
      }
    }
    if (!(object.get("metadata") instanceof Map<?, ?> meta) || !(meta.get("name") instanceof String name)) {
      throw new ModuleException(where + " (" + object.get("kind") + ") has no metadata.name");
    }
    ObjectNames.name(name, where + " metadata.name");
    if (meta.get("namespace") != null) {
      ObjectNames.namespace(String.valueOf(meta.get("namespace")), where + " metadata.namespace");
    }
    out.add(object);
  }

  @SuppressWarnings("unchecked")
  private static void complete(Map<String, Object> object, Defaults defaults) {
    if (defaults.kind() != null) {
      object.putIfAbsent("kind", defaults.kind());
    }
    if (defaults.apiVersion() != null) {
      object.putIfAbsent("apiVersion", defaults.apiVersion());
    }
    if (defaults.name() == null && defaults.namespace() == null) {
      return;
    }
    Object meta = object.get("metadata");
    if (meta == null) {
      meta = new LinkedHashMap<String, Object>();
      object.put("metadata", meta);
    }
    if (meta instanceof Map<?, ?> m) {
      Map<String, Object> metadata = (Map<String, Object>) m;
      if (defaults.name() != null) {
        metadata.putIfAbsent("name", defaults.name());
      }
      if (defaults.namespace() != null) {
        metadata.putIfAbsent("namespace", defaults.namespace());
      }
    }
  }

  /** Parses YAML or JSON text to plain data (a patch given as a string). */
  public static Object parse(String text, String origin) throws ModuleException {
    try {
      return Normalize.plain(new Load(LoadSettings.builder().setLabel(origin).build()).loadFromString(text));
    } catch (YamlEngineException e) {
      throw new ModuleException("invalid YAML/JSON in " + origin + ": " + e.getMessage(), e);
    }
  }

  /** Block YAML, keys sorted at every level. */
  public static String dump(Object value) {
    if (value == null) {
      return "";
    }
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(200).build();
    return new Dump(settings).dumpToString(sorted(value));
  }

  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
      return new LinkedHashMap<>(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(sorted(v)));
      return out;
    }
    return value;
  }
}
