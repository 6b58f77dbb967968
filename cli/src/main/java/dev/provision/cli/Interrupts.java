package dev.provision.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (INT), a stop request (TERM: {@code timeout}, a CI cancel, {@code systemctl stop}) and a
 * closed terminal (HUP) during a run cancel the running tasks instead of killing the JVM, so the
 * remote commands are killed, temporary files are removed, the recap is still printed, and the exit
 * code is the shell's for that signal: 130, 143, 129. A second signal exits at once.
 */
final class Interrupts implements AutoCloseable {

  /** The signals handled, and the exit code of a run each one stopped (128 + the signal number). */
  private static final Map<String, Integer> EXIT_CODES = Map.of("INT", 130, "TERM", 143, "HUP", 129);

  private final AtomicReference<String> fired = new AtomicReference<>();
  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

  private Interrupts(Runnable onInterrupt) {
    for (String name : new String[] {"INT", "TERM", "HUP"}) {
      SignalHandler handler = signal -> {
        if (!fired.compareAndSet(null, name)) {
          Runtime.getRuntime().halt(EXIT_CODES.get(name));
        }
        onInterrupt.run();
      };
      try {
        Signal signal = new Signal(name);
        previous.put(signal, Signal.handle(signal, handler));
      } catch (IllegalArgumentException e) {
        // not on this platform, or the JVM keeps it (-Xrs): the default action stays
      }
    }
  }

  static Interrupts onSignals(Runnable onInterrupt) {
    return new Interrupts(onInterrupt);
  }

  boolean fired() {
    return fired.get() != null;
  }

  /** The signal that stopped the run, as {@code kill -l} names it (INT, TERM, HUP); null if none. */
  String signal() {
    return fired.get();
  }

  /** The exit code for the signal that stopped the run. */
  int exitCode() {
    return EXIT_CODES.get(fired.get());
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
