package dev.provision.run;

import dev.provision.template.TemplateException;
import dev.provision.template.Templates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables of one node, layered lowest first as Ansible orders them (inventory, facts, play
 * vars, task vars, registered and set_fact, extra vars, then magic variables). Values from
 * templated layers are rendered lazily, only when a template refers to them, and a variable that
 * depends on an {@link Unknown} value is itself unknown, which is how plan mode finds DEFERRED
 * tasks.
 */
final class VariableScope {

  private final Templates templates;
  private final Map<String, Object> raw = new LinkedHashMap<>();
  private final Set<String> templated = new HashSet<>();
  private final Map<String, Object> resolved = new HashMap<>();
  private final Set<String> resolving = new LinkedHashSet<>();

  VariableScope(Templates templates) {
    this.templates = templates;
  }

  /** Adds a layer above the previous ones; {@code mayHoldTemplates} for user-written values. */
  VariableScope layer(Map<String, Object> values, boolean mayHoldTemplates) {
    values.forEach((name, value) -> set(name, value, mayHoldTemplates));
    return this;
  }

  /** Sets one variable on top (a registered result while checking {@code until}). */
  void set(String name, Object value, boolean mayHoldTemplates) {
    raw.put(name, value);
    resolved.remove(name);
    if (mayHoldTemplates && hasTemplate(value)) {
      templated.add(name);
    } else {
      templated.remove(name);
    }
  }

  boolean defines(String name) {
    return raw.containsKey(name);
  }

  /** The names of unknown values that {@code template} depends on, directly or through other vars. */
  List<String> unknownsIn(Object template, boolean bare) throws TemplateException {
    List<String> out = new ArrayList<>();
    for (String ref : refs(template, bare)) {
      if (raw.containsKey(ref) && Unknown.is(resolve(ref))) {
        out.add(ref);
      }
    }
    return out;
  }

  /** Variables for rendering {@code template}: everything, with the ones it uses rendered. */
  Map<String, Object> varsFor(Object template, boolean bare) throws TemplateException {
    Map<String, Object> vars = new HashMap<>(raw);
    for (String ref : refs(template, bare)) {
      if (raw.containsKey(ref)) {
        vars.put(ref, resolve(ref));
      }
    }
    return vars;
  }

  /** Every variable rendered as far as possible (for modules that read {@code vars()}). */
  Map<String, Object> all() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : raw.keySet()) {
      try {
        out.put(name, resolve(name));
      } catch (TemplateException | RuntimeException e) {
        out.put(name, raw.get(name));
      }
    }
    return out;
  }

  Object resolve(String name) throws TemplateException {
    if (resolved.containsKey(name)) {
      return resolved.get(name);
    }
    Object value = raw.get(name);
    if (templated.contains(name)) {
      if (!resolving.add(name)) {
        throw new TemplateException("variable `" + name + "` refers to itself (through "
            + String.join(" -> ", resolving) + ")");
      }
      try {
        value = unknownsIn(value, false).isEmpty() ? templates.render(value, varsFor(value, false)) : Unknown.VALUE;
      } finally {
        resolving.remove(name);
      }
    }
    resolved.put(name, value);
    return value;
  }

  private Set<String> refs(Object template, boolean bare) {
    Set<String> out = new LinkedHashSet<>();
    collectRefs(template, bare, out);
    return out;
  }

  private void collectRefs(Object value, boolean bare, Set<String> out) {
    if (value instanceof String s) {
      if (bare || hasTemplate(s)) {
        out.addAll(templates.referencedVariables(s, bare));
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        collectRefs(String.valueOf(e.getKey()), false, out);
        collectRefs(e.getValue(), false, out);
      }
    } else if (value instanceof Iterable<?> list) {
      list.forEach(v -> collectRefs(v, false, out));
    }
  }

  static boolean hasTemplate(Object value) {
    if (value instanceof String s) {
      return s.contains("{{") || s.contains("{%");
    }
    if (value instanceof Map<?, ?> map) {
      return map.keySet().stream().anyMatch(VariableScope::hasTemplate)
          || map.values().stream().anyMatch(VariableScope::hasTemplate);
    }
    if (value instanceof Iterable<?> list) {
      for (Object v : list) {
        if (hasTemplate(v)) {
          return true;
        }
      }
    }
    return false;
  }
}
