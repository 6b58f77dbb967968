package dev.provision.run;

import dev.provision.event.Event;
import dev.provision.event.EventSink;
import dev.provision.event.TaskResult;

/**
 * Every event of a run passes through here before any reporter sees it, so a secret cannot reach
 * text output, JSON lines or logs by any path that forgot to redact.
 */
final class RedactingEventSink implements EventSink {

  private final EventSink next;
  private final Redactor redactor;

  RedactingEventSink(EventSink next, Redactor redactor) {
    this.next = next;
    this.redactor = redactor;
  }

  @Override
  public void accept(Event event) {
    next.accept(redact(event));
  }

  private Event redact(Event event) {
    if (redactor.isEmpty()) {
      return event;
    }
    if (event instanceof Event.TaskStarted e) {
      return new Event.TaskStarted(e.play(), r(e.task()), e.host(), e.attempt(), e.node(), e.module(), e.waits());
    }
    if (event instanceof Event.TaskProgress e) {
      return new Event.TaskProgress(e.play(), r(e.task()), e.host(), r(e.message()), e.elapsed(), e.node());
    }
    if (event instanceof Event.TaskRetrying e) {
      return new Event.TaskRetrying(e.play(), r(e.task()), e.host(), e.attempt(), e.retries(), r(e.reason()), e.node());
    }
    if (event instanceof Event.TaskFinished e) {
      return new Event.TaskFinished(e.play(), r(e.task()), e.host(), redact(e.result()), e.node(), e.needs(), e.diff());
    }
    return event;
  }

  TaskResult redact(TaskResult t) {
    return new TaskResult(t.status(), r(t.message()), redactor.redactDiffs(t.diffs()),
        t.actions().stream().map(this::r).toList(), redactor.redactMap(t.data()), t.elapsed());
  }

  private String r(String text) {
    return redactor.redact(text);
  }
}
