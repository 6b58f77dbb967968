package dev.provision.run;

import dev.provision.playbook.Block;
import dev.provision.playbook.BlockFrame;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's block semantics for one host in one play, decided as the host goes from node to node:
 * a failed task of a block skips the rest of the block and runs its {@code rescue}; a rescue that
 * succeeds clears the failure (the host goes on, and the recap counts the task {@code rescued}, not
 * failed); {@code always} runs in every case; a failure that no rescue clears ends the host once the
 * block's {@code always} is done (or at once, without one), after passing through the blocks around
 * it. Not thread-safe: only its host's nodes use it, one at a time.
 */
final class BlockFlow {

  /** Whether a task runs, given what happened to its blocks on this host. */
  enum Decision {
    RUN,
    /** The block's tasks after a failure, or a rescue whose block did not fail. */
    NOT_RUN,
    /** A rescue in a plan whose block's outcome is known only after apply. */
    UNKNOWN
  }

  /** How a failed task ends. */
  enum Failure {
    /** A rescue runs next: the failure is cleared unless the rescue fails too. */
    RESCUED,
    /** The block's always runs first; then the failure goes on to the blocks around it. */
    AFTER_ALWAYS,
    /** Nothing catches it: the host has failed. */
    HOST_FAILED
  }

  private enum State { RESCUING, FAILED }

  /** A block that failed on this host: what it does now, and the frames around it. */
  private static final class Run {
    State state;
    final List<BlockFrame> around;

    Run(State state, List<BlockFrame> around) {
      this.state = state;
      this.around = around;
    }
  }

  private final Map<Block, Run> failed = new IdentityHashMap<>();
  /** Failures an outer block's rescue took over once an inner block's always was done. */
  private int rescuedLater;
  /** Blocks with a task whose outcome a plan cannot know (a change it only describes, a deferred task). */
  private final Map<Block, Boolean> uncertain = new IdentityHashMap<>();

  Decision decide(List<BlockFrame> frames) {
    for (BlockFrame f : frames) {
      Run r = failed.get(f.block());
      switch (f.section()) {
        case BLOCK -> {
          if (r != null) {
            return Decision.NOT_RUN;
          }
        }
        case RESCUE -> {
          if (r == null) {
            return uncertain.containsKey(f.block()) ? Decision.UNKNOWN : Decision.NOT_RUN;
          }
          if (r.state == State.FAILED) {
            return Decision.NOT_RUN;
          }
        }
        case ALWAYS -> { } // whatever happened
      }
    }
    return Decision.RUN;
  }

  /** Why {@link #decide} said the task does not run. */
  String whyNotRun(List<BlockFrame> frames) {
    for (BlockFrame f : frames) {
      Run r = failed.get(f.block());
      if (f.section() == BlockFrame.Section.BLOCK && r != null) {
        return "an earlier task of its block failed";
      }
      if (f.section() == BlockFrame.Section.RESCUE && (r == null || r.state == State.FAILED)) {
        return r == null ? "rescue: the block did not fail" : "an earlier task of the rescue failed";
      }
    }
    return "not run";
  }

  /** In a plan, a task of these blocks was only described or deferred: their rescues may run. */
  void outcomeUnknown(List<BlockFrame> frames) {
    for (BlockFrame f : frames) {
      if (f.section() == BlockFrame.Section.BLOCK) {
        uncertain.put(f.block(), true);
      }
    }
  }

  /**
   * In a plan, whether an earlier task of one of these blocks may fail in the apply: then this task
   * may not run, and what it registers or sets is known only after apply.
   */
  boolean mayNotRun(List<BlockFrame> frames) {
    return frames.stream().anyMatch(f -> f.section() == BlockFrame.Section.BLOCK && uncertain.containsKey(f.block()));
  }

  /** A task with these frames failed (not ignored). */
  Failure fail(List<BlockFrame> frames) {
    return handle(frames, frames.size() - 1);
  }

  private Failure handle(List<BlockFrame> frames, int i) {
    if (i < 0) {
      return Failure.HOST_FAILED;
    }
    BlockFrame f = frames.get(i);
    Block block = f.block();
    List<BlockFrame> around = List.copyOf(frames.subList(0, i));
    switch (f.section()) {
      case BLOCK -> {
        if (block.hasRescue()) {
          failed.put(block, new Run(State.RESCUING, around));
          return Failure.RESCUED;
        }
        if (block.hasAlways()) {
          failed.put(block, new Run(State.FAILED, around));
          return Failure.AFTER_ALWAYS;
        }
        return handle(frames, i - 1);
      }
      case RESCUE -> {
        if (block.hasAlways()) {
          failed.put(block, new Run(State.FAILED, around));
          return Failure.AFTER_ALWAYS;
        }
        failed.remove(block);
        return handle(frames, i - 1);
      }
      default -> { // ALWAYS: the rest of it is skipped, the failure goes on at once
        failed.remove(block);
        return handle(frames, i - 1);
      }
    }
  }

  /** How many failures counted as failed were taken over by a rescue since the last call (then zero). */
  int takeRescuedLater() {
    int n = rescuedLater;
    rescuedLater = 0;
    return n;
  }

  /**
   * The host goes on to a task with frames {@code next} (null: the play's tasks end): the blocks it
   * leaves are over, and a failure none of them rescued goes on to the blocks around them. False
   * when that fails the host.
   */
  boolean leave(List<BlockFrame> next) {
    List<Block> inside = new ArrayList<>();
    if (next != null) {
      next.forEach(f -> inside.add(f.block()));
    }
    uncertain.keySet().removeIf(b -> inside.stream().noneMatch(x -> x == b));
    while (true) {
      Map.Entry<Block, Run> innermost = null;
      for (Map.Entry<Block, Run> e : failed.entrySet()) {
        if (inside.stream().noneMatch(b -> b == e.getKey())
            && (innermost == null || e.getValue().around.size() > innermost.getValue().around.size())) {
          innermost = e;
        }
      }
      if (innermost == null) {
        return true;
      }
      Run r = failed.remove(innermost.getKey());
      if (r.state == State.FAILED) {
        Failure outer = handle(r.around, r.around.size() - 1);
        if (outer == Failure.HOST_FAILED) {
          return false;
        }
        if (outer == Failure.RESCUED) {
          rescuedLater++;
        }
      }
      // RESCUING when left: every rescue task succeeded (or none was selected): the failure is cleared
    }
  }
}
