package dev.provision.playbook;

import java.util.Set;

/**
 * A task's {@code loop} (or a {@code with_*} lookup): the task runs once per item on each host, with
 * the item in {@code var} ({@code item} unless {@code loop_control.loop_var} says otherwise).
 * {@code items} is a list (or, for {@code with_dict}, a mapping) whose parts may hold templates, or
 * one template that renders to one. {@code kind} is the keyword ({@code loop}, {@code with_items},
 * {@code with_dict}...): it says how the rendered value becomes the items ({@link #KINDS}).
 * {@code label} (a template, or null) is what the output shows for an item instead of the whole
 * item; {@code indexVar} (or null) receives the item's index, and {@code extended} sets
 * {@code ansible_loop}. {@code pause} (or null) is {@code loop_control.pause}: the wait between
 * two items.
 */
public record TaskLoop(Object items, String kind, String var, String label, String indexVar, boolean extended,
    java.time.Duration pause) {

  public static final String DEFAULT_VAR = "item";

  /** The loop keywords read: {@code loop} and the {@code with_*} lookups whose items need no host. */
  public static final Set<String> KINDS = Set.of("loop", "with_items", "with_list", "with_dict", "with_indexed_items",
      "with_together", "with_nested", "with_cartesian", "with_flattened", "with_first_found");

  /**
   * The {@code with_NAME} loops that run lookup NAME on the controller ({@code with_sequence},
   * {@code with_fileglob}, {@code with_subelements}...): their items are the lookup's list.
   * {@code with_first_found} is not among them yet.
   */
  public static final Set<String> LOOKUPS = lookupKinds();

  private static Set<String> lookupKinds() {
    Set<String> out = new java.util.TreeSet<>();
    for (String name : dev.provision.template.Templates.lookups()) {
      if (!KINDS.contains("with_" + name) && !name.equals("first_found")) {
        out.add("with_" + name);
      }
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /** Every loop keyword of a task. */
  public static boolean isLoop(String key) {
    return KINDS.contains(key) || LOOKUPS.contains(key);
  }

  /** The lookup a {@code with_NAME} loop runs, or null for the loops of {@link #KINDS}. */
  public String lookup() {
    return LOOKUPS.contains(kind) ? kind.substring("with_".length()) : null;
  }

  public TaskLoop {
    var = var == null ? DEFAULT_VAR : var;
    kind = kind == null ? "loop" : kind;
  }

  /** A loop without a pause. */
  public TaskLoop(Object items, String kind, String var, String label, String indexVar, boolean extended) {
    this(items, kind, var, label, indexVar, extended, null);
  }

  /** A {@code loop} ({@code flatten}: a {@code with_items}) without index or {@code ansible_loop}. */
  public TaskLoop(Object items, boolean flatten, String var, String label) {
    this(items, flatten ? "with_items" : "loop", var, label, null, false);
  }

  /** {@code with_items}' one level of flattening. */
  public boolean flatten() {
    return kind.equals("with_items");
  }
}
