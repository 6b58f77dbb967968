package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.Suggestions;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a list of tasks ({@code tasks}, {@code handlers}, a block's sections) into the play's flat
 * list: a {@code block} adds its tasks, then its {@code rescue}, then its {@code always} tasks, each
 * knowing its frames and what the block gives it ({@link Inherited}). So a block is no node of the
 * graph: one node per (task, host) stays the rule, and the host decides as it goes which of a block's
 * tasks run.
 */
final class TaskListReader {

  /** The block keywords Provision reads (the rest of Ansible's are refused as not supported yet). */
  static final Set<String> BLOCK_KEYWORDS = Set.of("block", "rescue", "always", "name", "when", "tags", "vars",
      "become", "ignore_errors", "no_log", "check_mode", "timeout");

  private final TaskReader tasks;
  private final Diagnostics out;
  private final Consumer<TemplateSites.Site> templates;

  TaskListReader(TaskReader tasks, Diagnostics out, Consumer<TemplateSites.Site> templates) {
    this.tasks = tasks;
    this.out = out;
    this.templates = templates;
  }

  /** The tasks of {@code map[key]}, which may be absent or null (none). */
  List<Task> read(YMap map, String key, Inherited parent) {
    List<Task> result = new ArrayList<>();
    YNode node = map.entries().get(key);
    if (node == null || node instanceof YScalar s && s.isNull()) {
      return result;
    }
    list(node, key, parent, result);
    return result;
  }

  private void list(YNode node, String key, Inherited parent, List<Task> result) {
    if (!(node instanceof YSeq seq)) {
      out.error(node.span(), "`" + key + "` must be a list of tasks, not " + node.kind(),
          "start each task with `- `, for example `- command: uname -r`");
      return;
    }
    for (YNode item : seq.items()) {
      if (item instanceof YMap map && map.has("block")) {
        block(map, parent, result);
      } else {
        Task task = tasks.read(item, parent);
        if (task != null) {
          result.add(task);
        }
      }
    }
  }

  private void block(YMap map, Inherited parent, List<Task> result) {
    for (String key : map.keySet()) {
      if (BLOCK_KEYWORDS.contains(key)) {
        continue;
      }
      if (AnsibleLanguage.BLOCK.contains(key)) {
        out.error(map.keySpan(key), "`" + key + "` on a block is not supported yet",
            "set it on each task of the block, or leave it out");
      } else {
        String hint = Suggestions.didYouMean(key, BLOCK_KEYWORDS);
        out.error(map.keySpan(key), "unknown block keyword `" + key + "`", hint != null ? hint
            : AnsibleLanguage.TASK.contains(key) || key.startsWith("with_")
                ? "`" + key + "` belongs to a task: a block has no module, only `block`, `rescue` and `always` lists"
                : "block keywords: " + String.join(", ", new java.util.TreeSet<>(BLOCK_KEYWORDS)));
      }
    }
    TemplateSites.ofBlock(map, templates);
    String name = map.get("name").filter(n -> n instanceof YScalar s && !s.isNull()).map(n -> ((YScalar) n).text())
        .orElse(null);
    Block block = new Block(name, map.span(), present(map, "rescue"), present(map, "always"));
    Inherited inner = tasks.block(map, parent);
    section(map, "block", inner.in(new BlockFrame(block, BlockFrame.Section.BLOCK)), result);
    section(map, "rescue", inner.in(new BlockFrame(block, BlockFrame.Section.RESCUE)), result);
    section(map, "always", inner.in(new BlockFrame(block, BlockFrame.Section.ALWAYS)), result);
  }

  private void section(YMap map, String key, Inherited inner, List<Task> result) {
    YNode node = map.entries().get(key);
    if (node == null || node instanceof YScalar s && s.isNull()) {
      return;
    }
    list(node, key, inner, result);
  }

  private static boolean present(YMap map, String key) {
    return map.get(key).filter(n -> n instanceof YSeq seq && !seq.items().isEmpty()).isPresent();
  }
}
