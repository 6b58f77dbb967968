package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ansible's older ways to name a task's module: {@code action: copy src=a dest=b} (or a mapping with
 * {@code module:} and the arguments) and {@code local_action:}, the same run on the control node
 * ({@code delegate_to: localhost}). Each is rewritten into the task as it would be written today, so
 * the one task reader checks it; spans stay those of the words as written.
 */
final class ActionKeywords {

  private ActionKeywords() {}

  /** {@code map} with its {@code action} or {@code local_action} rewritten; unchanged without them. */
  static YMap rewrite(YMap map, Diagnostics out) {
    String key = map.has("local_action") ? "local_action" : map.has("action") ? "action" : null;
    if (key == null) {
      return map;
    }
    if (map.has("local_action") && map.has("action")) {
      out.error(map.keySpan("action"), "a task has `action` or `local_action`, not both", "keep `local_action:`");
      return map;
    }
    YNode value = map.entries().get(key);
    String module;
    YNode args;
    if (value instanceof YScalar s && !s.isNull()) {
      String text = s.text().strip();
      int space = text.indexOf(' ');
      module = space < 0 ? text : text.substring(0, space);
      args = space < 0 ? null : new YScalar(text.substring(space + 1).strip(), false, s.span());
    } else if (value instanceof YMap m && m.get("module").orElse(null) instanceof YScalar name && !name.isNull()) {
      module = name.text().strip();
      Map<String, YNode> rest = new LinkedHashMap<>(m.entries());
      Map<String, dev.provision.diag.SourceSpan> spans = new LinkedHashMap<>();
      rest.remove("module");
      rest.keySet().forEach(k -> spans.put(k, m.keySpan(k)));
      args = rest.isEmpty() ? null : new YMap(rest, spans, m.span());
    } else {
      out.error(value.span(), "`" + key + "` must name a module and its arguments, not " + value.kind(),
          "write `" + key + ": command uname -r` or `" + key + ": {module: copy, src: a, dest: b}`");
      return map;
    }
    if (map.has(module)) {
      out.error(map.keySpan(key), "the task names `" + module + "` twice, in `" + key + "` and as a key",
          "keep one of them");
      return map;
    }
    Map<String, YNode> entries = new LinkedHashMap<>();
    Map<String, dev.provision.diag.SourceSpan> keys = new LinkedHashMap<>();
    for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
      if (e.getKey().equals(key)) {
        entries.put(module, args == null ? new YScalar("", true, value.span()) : args);
        keys.put(module, map.keySpan(key));
      } else {
        entries.put(e.getKey(), e.getValue());
        keys.put(e.getKey(), map.keySpan(e.getKey()));
      }
    }
    if (key.equals("local_action")) {
      if (map.has("delegate_to")) {
        out.error(map.keySpan("delegate_to"), "`local_action` runs on the control node; `delegate_to` says otherwise",
            "drop `delegate_to`, or write the module as a key");
        return map;
      }
      entries.put("delegate_to", new YScalar("localhost", true, map.keySpan(key)));
      keys.put("delegate_to", map.keySpan(key));
    }
    return new YMap(entries, keys, map.span());
  }
}
