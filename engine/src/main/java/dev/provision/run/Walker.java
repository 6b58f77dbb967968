package dev.provision.run;

import dev.provision.graph.Graph;
import dev.provision.graph.GraphCycleException;
import dev.provision.graph.GraphNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Walks a graph in dependency order, the same way in plan and apply: a node is ready when all its
 * dependencies are done; a ready node runs when fewer than {@code forks} nodes run and its host
 * runs nothing else, nor does any host whose connection it uses ({@code delegate_to}). A node whose
 * dependency on the same host (or a barrier) failed is not run: the visitor reports it as skipped
 * ("upstream failed"), and the failure spreads no further than that node's own downstream. An edge
 * between two hosts' nodes ({@code run_once}) only orders them: the visitor decides what the other
 * host's failure means.
 */
final class Walker {

  /** Runs nodes; {@code visit} returns whether the node's dependents may run. */
  interface Visitor {
    boolean visit(GraphNode node);

    /** A dependency failed: report the node as skipped without running it. */
    void upstreamFailed(GraphNode node);

    /** The hosts whose connections the node uses: its own, and the one it is delegated to. */
    default Set<String> connections(GraphNode node) {
      return Set.of(node.host());
    }
  }

  private final int forks;
  private final Visitor visitor;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<GraphNode, Thread> running = new HashMap<>(); // thread null until it starts
  private final Map<GraphNode, Set<String>> held = new HashMap<>(); // the connections of running nodes
  private final Set<String> busyHosts = new HashSet<>();
  private volatile boolean cancelled;

  Walker(int forks, Visitor visitor) {
    this.forks = forks;
    this.visitor = visitor;
  }

  void walk(Graph<GraphNode> graph) throws GraphCycleException, InterruptedException {
    List<GraphNode> order = graph.topologicalOrder(GraphNode::name);
    Map<GraphNode, Integer> rank = new HashMap<>();
    Map<GraphNode, Integer> waiting = new HashMap<>();
    TreeMap<Integer, GraphNode> ready = new TreeMap<>();
    Set<GraphNode> blocked = new HashSet<>();
    for (GraphNode n : order) {
      rank.put(n, rank.size());
      waiting.put(n, graph.dependencies(n).size());
      if (graph.dependencies(n).isEmpty()) {
        ready.put(rank.get(n), n);
      }
    }
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(forks, r -> {
      Thread t = new Thread(r, "provision-worker-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Completion done = (node, ok) -> {
      for (GraphNode d : graph.dependents(node)) {
        if (!ok && (node.host() == null || d.host() == null || node.host().equals(d.host()))) {
          blocked.add(d);
        }
        if (waiting.merge(d, -1, Integer::sum) == 0) {
          ready.put(rank.get(d), d);
        }
      }
    };
    lock.lock();
    try {
      while (true) {
        boolean dispatched = false;
        for (Iterator<GraphNode> it = ready.values().iterator(); it.hasNext() && !cancelled; ) {
          GraphNode n = it.next();
          if (blocked.contains(n) || n.host() == null) {
            it.remove();
            boolean ok = !blocked.contains(n);
            if (ok) {
              ok = visitor.visit(n); // barriers: no host, nothing to wait for
            } else {
              visitor.upstreamFailed(n);
            }
            done.complete(n, ok);
            dispatched = true;
            break; // the ready set changed; iterate again from the lowest rank
          }
          Set<String> uses = running.size() < forks && !busyHosts.contains(n.host()) ? visitor.connections(n) : null;
          if (uses != null && uses.stream().noneMatch(busyHosts::contains)) {
            it.remove();
            busyHosts.addAll(uses);
            held.put(n, uses);
            running.put(n, null);
            pool.execute(() -> runNode(n, done));
            dispatched = true;
          }
        }
        if (running.isEmpty() && (ready.isEmpty() || cancelled)) {
          return;
        }
        if (!dispatched) {
          changed.await();
        }
      }
    } finally {
      lock.unlock();
      pool.shutdownNow();
    }
  }

  private void runNode(GraphNode n, Completion done) {
    boolean ok = false;
    lock.lock();
    try {
      running.put(n, Thread.currentThread());
      if (cancelled) {
        Thread.currentThread().interrupt();
      }
    } finally {
      lock.unlock();
    }
    try {
      ok = visitor.visit(n);
    } catch (RuntimeException | Error e) {
      // the visitor turns every failure of the node into a reported, counted result; only reporting
      // itself can get here, and then the node's dependents must still not run
      ok = false;
    } finally {
      Thread.interrupted(); // a cancelled node must not leave the flag on a pooled thread
      lock.lock();
      try {
        running.remove(n);
        busyHosts.removeAll(held.remove(n));
        done.complete(n, ok);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Stops dispatching and interrupts running nodes (SIGINT). */
  void cancel() {
    cancelled = true;
    lock.lock();
    try {
      running.values().stream().filter(t -> t != null).forEach(Thread::interrupt);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean cancelled() {
    return cancelled;
  }

  private interface Completion {
    void complete(GraphNode node, boolean ok);
  }
}
