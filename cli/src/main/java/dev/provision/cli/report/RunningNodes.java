package dev.provision.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The (task, host) nodes running now, by host (a host runs one task at a time), with when each
 * started, its latest progress line and when a line about it was last printed. Not thread-safe:
 * the reporter holds its own lock.
 */
final class RunningNodes {

  static final class Node {
    private final String host;
    private String play;
    private String task;
    private long started;
    private String message = "";
    private long lastLine;
    private boolean progressShown;

    private Node(String host, String play, String task, long started) {
      this.host = host;
      this.play = play;
      this.task = task;
      this.started = started;
      this.lastLine = started;
    }

    String host() {
      return host;
    }

    String play() {
      return play;
    }

    String task() {
      return task;
    }

    long started() {
      return started;
    }

    String message() {
      return message;
    }

    long lastLine() {
      return lastLine;
    }

    void lastLine(long nanos) {
      lastLine = nanos;
    }

    boolean progressShown() {
      return progressShown;
    }

    void progressShown(boolean value) {
      progressShown = value;
    }
  }

  private final Map<String, Node> byHost = new LinkedHashMap<>();

  void started(String host, String play, String task, long now) {
    byHost.put(host, new Node(host, play, task, now));
  }

  /** A progress line; a node whose start was not seen starts when the progress says it did. */
  Node progress(String host, String play, String task, String message, long startedAt) {
    Node node = byHost.get(host);
    if (node == null || !node.task.equals(task) || !node.play.equals(play)) {
      node = new Node(host, play, task, startedAt);
      byHost.put(host, node);
    }
    node.message = message == null ? "" : message;
    return node;
  }

  void finished(String host) {
    byHost.remove(host);
  }

  void clear() {
    byHost.clear();
  }

  boolean isEmpty() {
    return byHost.isEmpty();
  }

  /** Oldest first. */
  List<Node> nodes() {
    List<Node> out = new ArrayList<>(byHost.values());
    out.sort(Comparator.comparingLong(Node::started));
    return out;
  }
}
