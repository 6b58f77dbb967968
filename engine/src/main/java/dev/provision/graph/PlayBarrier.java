package dev.provision.graph;

import dev.provision.playbook.Play;

/**
 * Done when every node of its play (and, transitively, of the plays it needs) is done. Plays that
 * {@code need} this play start after it, which keeps the edge count linear: one edge per host,
 * not one per pair of nodes.
 */
public record PlayBarrier(int playIndex, Play play) implements GraphNode {

  @Override
  public String host() {
    return null;
  }

  @Override
  public String name() {
    return "play " + play.name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlayBarrier b && b.playIndex == playIndex;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(playIndex) * 31 + 7;
  }

  @Override
  public String toString() {
    return name();
  }
}
