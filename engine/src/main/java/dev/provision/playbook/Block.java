package dev.provision.playbook;

import dev.provision.diag.SourceSpan;

/**
 * One {@code block} as written: its tasks, and whether it has {@code rescue} and {@code always}
 * sections. Its tasks are flattened into the play's list, each knowing its {@link BlockFrame}s, so a
 * block adds no node to the graph; which of its tasks run on a host is decided as the host goes
 * ({@code run.BlockFlow}). Equality is identity: two blocks written alike are still two blocks.
 */
public final class Block {

  private final String name;
  private final SourceSpan span;
  private final boolean rescue;
  private final boolean always;

  public Block(String name, SourceSpan span, boolean rescue, boolean always) {
    this.name = name;
    this.span = span;
    this.rescue = rescue;
    this.always = always;
  }

  /** The block's {@code name}, or null. */
  public String name() {
    return name;
  }

  public SourceSpan span() {
    return span;
  }

  public boolean hasRescue() {
    return rescue;
  }

  public boolean hasAlways() {
    return always;
  }

  @Override
  public String toString() {
    return "block " + (name != null ? "`" + name + "` " : "") + "at " + span;
  }
}
