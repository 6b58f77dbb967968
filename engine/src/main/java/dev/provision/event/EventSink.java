package dev.provision.event;

/** Receives events from many worker threads at once: implementations must be thread-safe. */
@FunctionalInterface
public interface EventSink {

  void accept(Event event);

  static EventSink none() {
    return event -> {};
  }
}
