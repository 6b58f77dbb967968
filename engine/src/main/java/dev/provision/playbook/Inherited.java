package dev.provision.playbook;

import dev.provision.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What the blocks around a task give it, as Ansible's blocks do: their {@code when} (every one must
 * hold, each evaluated for the task), their {@code tags} (added to the task's), their {@code vars}
 * (under the task's own), the other keywords a task does not set itself ({@code become},
 * {@code ignore_errors}, {@code no_log}...: kept as written, the innermost block's first), and the
 * frames that say which section of which block the task is in.
 */
record Inherited(List<String> when, List<String> tags, Map<String, Object> vars, Map<String, YNode> keywords,
    List<BlockFrame> frames) {

  static final Inherited NONE = new Inherited(List.of(), List.of(), Map.of(), Map.of(), List.of());

  Inherited {
    when = List.copyOf(when);
    tags = List.copyOf(tags);
    vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    keywords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    frames = List.copyOf(frames);
  }

  /** What a block with these keywords gives the tasks inside it, on top of what it inherits. */
  Inherited with(String blockWhen, List<String> blockTags, Map<String, Object> blockVars,
      Map<String, YNode> blockKeywords) {
    List<String> w = new ArrayList<>(when);
    if (blockWhen != null) {
      w.add(bare(blockWhen));
    }
    LinkedHashSet<String> t = new LinkedHashSet<>(tags);
    t.addAll(blockTags);
    Map<String, Object> v = new LinkedHashMap<>(vars);
    v.putAll(blockVars);
    Map<String, YNode> k = new LinkedHashMap<>(keywords);
    k.putAll(blockKeywords);
    return new Inherited(w, new ArrayList<>(t), v, k, frames);
  }

  /** The same, with the tags of {@code outer} only: an include's own tags select the include alone. */
  Inherited withoutTags(Inherited outer) {
    return new Inherited(when, outer.tags, vars, keywords, frames);
  }

  Inherited in(BlockFrame frame) {
    List<BlockFrame> f = new ArrayList<>(frames);
    f.add(frame);
    return new Inherited(when, tags, vars, keywords, f);
  }

  /** {@code "{{ x }}"} is the expression {@code x} (Ansible accepts both in {@code when}), so it can be joined. */
  private static String bare(String condition) {
    String c = condition.strip();
    if (c.startsWith("{{") && c.endsWith("}}") && c.indexOf("{{", 2) < 0) {
      return c.substring(2, c.length() - 2).strip();
    }
    return c;
  }

  /** The task's condition: the blocks' and its own, all of which must hold (null when there is none). */
  String condition(String own) {
    List<String> all = new ArrayList<>(when);
    if (own != null) {
      all.add(all.isEmpty() ? own : bare(own));
    }
    if (all.isEmpty()) {
      return null;
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    return String.join(" and ", all.stream().map(c -> "(" + c + ")").toList());
  }
}
