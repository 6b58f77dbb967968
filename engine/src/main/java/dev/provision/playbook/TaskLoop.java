package dev.provision.playbook;

/**
 * A task's {@code loop} (or {@code with_items}, {@code with_list}): the task runs once per item on
 * each host, with the item in {@code var} ({@code item} unless {@code loop_control.loop_var} says
 * otherwise). {@code items} is a list whose items may hold templates, or one template that renders
 * to a list. {@code flatten} is {@code with_items}' one level of flattening. {@code label} (a template,
 * or null) is what the output shows for an item instead of the whole item.
 */
public record TaskLoop(Object items, boolean flatten, String var, String label) {

  public static final String DEFAULT_VAR = "item";

  public TaskLoop {
    var = var == null ? DEFAULT_VAR : var;
  }
}
