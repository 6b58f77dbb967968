package dev.provision.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One output line built from styled parts, that can be fitted to a width: the parts are cut from
 * the end and "…" marks the cut, while parts added with {@link #keep} (an elapsed time) stay
 * whole. Widths count characters, not the colour codes around them.
 */
final class Line {

  private record Part(String text, UnaryOperator<String> style, boolean kept, boolean squeezable) {}

  /** What a squeezed part keeps at least, before the line is cut from its end. */
  private static final int SQUEEZED = 12;

  private final List<Part> parts = new ArrayList<>();

  Line add(String text) {
    return add(s -> s, text);
  }

  Line add(UnaryOperator<String> style, String text) {
    parts.add(new Part(text, style, false, false));
    return this;
  }

  /** A part that fitting shortens first (to a few characters and "…"), such as a play's name before its task's. */
  Line squeeze(String text) {
    parts.add(new Part(text, s -> s, false, true));
    return this;
  }

  /** A part that fitting never cuts (it is dropped only when nothing else is left to cut). */
  Line keep(UnaryOperator<String> style, String text) {
    parts.add(new Part(text, style, true, false));
    return this;
  }

  String render(int width) {
    int total = parts.stream().mapToInt(p -> length(p.text())).sum();
    StringBuilder out = new StringBuilder();
    if (total > width) {
      squeezeParts(total - width);
      total = parts.stream().mapToInt(p -> length(p.text())).sum();
    }
    if (total <= width) {
      parts.forEach(p -> out.append(p.style().apply(p.text())));
      return out.toString();
    }
    List<Part> tail = parts.stream().filter(Part::kept).toList();
    int tailLength = tail.stream().mapToInt(p -> length(p.text())).sum();
    if (tailLength + 1 >= width) {
      tail = List.of();
      tailLength = 0;
    }
    int budget = Math.max(0, width - tailLength - 1); // room for "…"
    List<Part> head = new ArrayList<>();
    for (Part p : parts) {
      if (p.kept() || budget == 0) {
        continue;
      }
      int n = Math.min(budget, length(p.text()));
      head.add(new Part(p.text().substring(0, p.text().offsetByCodePoints(0, n)), p.style(), false, false));
      budget -= n;
    }
    while (!head.isEmpty() && head.get(head.size() - 1).text().isBlank()) {
      head.remove(head.size() - 1);
    }
    if (!head.isEmpty()) {
      Part last = head.remove(head.size() - 1);
      head.add(new Part(last.text().stripTrailing(), last.style(), false, false));
    }
    head.forEach(p -> out.append(p.style().apply(p.text())));
    out.append("…");
    tail.forEach(p -> out.append(p.style().apply(p.text())));
    return out.toString();
  }

  private void squeezeParts(int excess) {
    for (int i = 0; i < parts.size() && excess > 0; i++) {
      Part p = parts.get(i);
      int n = length(p.text());
      if (p.squeezable() && n > SQUEEZED) {
        int keep = Math.max(SQUEEZED - 1, n - excess - 1);
        String shorter = p.text().substring(0, p.text().offsetByCodePoints(0, keep)) + "…";
        excess -= n - length(shorter);
        parts.set(i, new Part(shorter, p.style(), false, false));
      }
    }
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
