package dev.provision.playbook;

/** Where a task sits in one enclosing {@link Block}: in its tasks, its {@code rescue} or its {@code always}. */
public record BlockFrame(Block block, Section section) {

  public enum Section {
    BLOCK,
    RESCUE,
    ALWAYS
  }
}
