package dev.provision.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during a run cancels the running tasks instead of killing the JVM, so the recap is still
 * printed and the exit code is 130. A second Ctrl-C exits at once.
 */
final class Interrupts implements AutoCloseable {

  private final AtomicBoolean fired = new AtomicBoolean();
  private final SignalHandler previous;

  private Interrupts(Runnable onInterrupt) {
    SignalHandler handler = signal -> {
      if (!fired.compareAndSet(false, true)) {
        Runtime.getRuntime().halt(130);
      }
      onInterrupt.run();
    };
    SignalHandler old;
    try {
      old = Signal.handle(new Signal("INT"), handler);
    } catch (IllegalArgumentException e) {
      old = null; // no SIGINT on this platform
    }
    this.previous = old;
  }

  static Interrupts onSigint(Runnable onInterrupt) {
    return new Interrupts(onInterrupt);
  }

  boolean fired() {
    return fired.get();
  }

  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(new Signal("INT"), previous);
    }
  }
}
