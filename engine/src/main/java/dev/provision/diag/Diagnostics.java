package dev.provision.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/** A collector of diagnostics. Not thread-safe: each phase fills its own and merges. */
public final class Diagnostics implements Iterable<Diagnostic> {

  private final List<Diagnostic> items = new ArrayList<>();

  public Diagnostics add(Diagnostic diagnostic) {
    items.add(diagnostic);
    return this;
  }

  public Diagnostics error(SourceSpan span, String summary, String hint) {
    return add(Diagnostic.error(span, summary, hint));
  }

  public Diagnostics addAll(Iterable<Diagnostic> other) {
    for (Diagnostic d : other) {
      items.add(d);
    }
    return this;
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public int size() {
    return items.size();
  }

  /** In source order (file, line, column), so a report reads top to bottom. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(
        Comparator.comparing((Diagnostic d) -> d.span() == null ? "" : d.span().file())
            .thenComparingInt(d -> d.span() == null ? 0 : d.span().line())
            .thenComparingInt(d -> d.span() == null ? 0 : d.span().column()));
    return copy;
  }

  /**
   * Takes out the diagnostics collected since there were {@code size}: a part read on the chance
   * that it is needed (a file an include may name) reports them only if it is.
   */
  public List<Diagnostic> takeSince(int size) {
    List<Diagnostic> tail = new ArrayList<>(items.subList(size, items.size()));
    items.subList(size, items.size()).clear();
    return tail;
  }

  public List<Diagnostic> asList() {
    return Collections.unmodifiableList(items);
  }

  /** Throws when any error was collected; warnings alone pass. */
  public void throwIfErrors() throws DiagnosticsException {
    if (hasErrors()) {
      throw new DiagnosticsException(this);
    }
  }

  @Override
  public Iterator<Diagnostic> iterator() {
    return asList().iterator();
  }
}
