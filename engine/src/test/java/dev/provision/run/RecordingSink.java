package dev.provision.run;

import dev.provision.event.Event;
import dev.provision.event.EventSink;
import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every event of a run, in arrival order. */
final class RecordingSink implements EventSink {

  final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void accept(Event event) {
    events.add(event);
  }

  List<Event.TaskFinished> finished() {
    synchronized (events) {
      return events.stream().filter(Event.TaskFinished.class::isInstance).map(Event.TaskFinished.class::cast).toList();
    }
  }

  /** The result of a task (by display name) on a host. */
  TaskResult result(String task, String host) {
    return finished().stream().filter(f -> f.task().equals(task) && f.host().equals(host)).map(Event.TaskFinished::result)
        .findFirst().orElseThrow(() -> new AssertionError("no result for " + task + " on " + host + ": " + finished()));
  }

  Status status(String task, String host) {
    return result(task, host).status();
  }

  /** "task@host" of every node with the given status, in event order. */
  List<String> with(Status status) {
    return finished().stream().filter(f -> f.result().status() == status).map(f -> f.task() + "@" + f.host()).toList();
  }

  /** Everything emitted, as text, for grepping. */
  String dump() {
    synchronized (events) {
      return events.toString();
    }
  }
}
