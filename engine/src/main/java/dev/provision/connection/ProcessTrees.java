package dev.provision.connection;

import java.util.List;

/** Kills a local process and all its descendants. */
final class ProcessTrees {

  private ProcessTrees() {}

  static void kill(ProcessHandle root) {
    // Snapshot first: once the parent dies its children are re-parented and out of reach.
    List<ProcessHandle> all = root.descendants().toList();
    root.destroyForcibly();
    all.forEach(ProcessHandle::destroyForcibly);
  }
}
