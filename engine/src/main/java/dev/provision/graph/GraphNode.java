package dev.provision.graph;

import dev.provision.playbook.Play;

/**
 * A vertex of the task graph. Equality is by position (play index, task index, host), not by the
 * play and task records, so hashing a node stays cheap however large its task is.
 */
public sealed interface GraphNode permits TaskNode, GatherFactsNode, PlayBarrier {

  /** Index of the play in the playbook. */
  int playIndex();

  Play play();

  /** The inventory host this node runs on, or null for nodes that run nowhere (barriers). */
  String host();

  /** A short unique name for graph output and cycle messages. */
  String name();

  /** The task's {@code diff} keyword (task, block, role or play), or null where unset or no task. */
  default Boolean diffKeyword() {
    return null;
  }
}
