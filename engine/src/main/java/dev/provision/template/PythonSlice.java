package dev.provision.template;

import java.util.ArrayList;
import java.util.List;

/**
 * A Python slice ({@code x[start:stop:step]}) of a string or a list, as Jinja (Python) takes it:
 * omitted bounds, negative indices counted from the end, out-of-range bounds clipped, a negative
 * step walking backwards. Jinjava's own slices know no step, so {@link JinjaRewrites} turns every
 * {@code [a:b:c]} into a subscript by this value ({@code [provision_slice(a, b, c)]}), which
 * {@link MissingKeys} applies.
 */
record PythonSlice(Long start, Long stop, long step) {

  static final String FUNCTION = "provision_slice";

  /** The Jinja function behind the rewrite; an omitted bound is {@code none}. */
  static PythonSlice of(Object start, Object stop, Object step) {
    Long by = index(step);
    if (by != null && by == 0) {
      throw new IllegalArgumentException("slice step cannot be zero");
    }
    return new PythonSlice(index(start), index(stop), by == null ? 1 : by);
  }

  private static Long index(Object bound) {
    if (bound == null) {
      return null;
    }
    if (bound instanceof Number n && !(bound instanceof Double) && !(bound instanceof Float)) {
      return n.longValue();
    }
    throw new IllegalArgumentException("slice indices must be integers or None, not "
        + PythonCollections.pythonType(bound));
  }

  /**
   * Jinjava hands a subscript's key to the resolver as text, so a slice travels as this text, which
   * no key of a playbook's data holds (it starts with a NUL).
   */
  @Override
  public String toString() {
    return MARK + (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + ":" + step;
  }

  private static final String MARK = "\u0000provision-slice:";

  /** The slice a subscript key stands for, or null when it is an ordinary key. */
  static PythonSlice parse(Object key) {
    if (!(key instanceof String s) || !s.startsWith(MARK)) {
      return null;
    }
    String[] parts = s.substring(MARK.length()).split(":", -1);
    return new PythonSlice(parts[0].isEmpty() ? null : Long.valueOf(parts[0]),
        parts[1].isEmpty() ? null : Long.valueOf(parts[1]), Long.parseLong(parts[2]));
  }

  /** The slice of {@code base}: a string gives a string, a list a list. */
  Object applyTo(Object base) {
    if (base instanceof String s) {
      int[] points = s.codePoints().toArray();
      StringBuilder out = new StringBuilder();
      for (int i : positions(points.length)) {
        out.appendCodePoint(points[i]);
      }
      return out.toString();
    }
    if (base instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i : positions(list.size())) {
        out.add(list.get(i));
      }
      return out;
    }
    throw new IllegalArgumentException("'" + PythonCollections.pythonType(base) + "' object is not subscriptable");
  }

  /** The indices Python's {@code slice.indices(length)} walks. */
  private List<Integer> positions(int length) {
    long from;
    long to;
    if (step > 0) {
      from = start == null ? 0 : clip(start, length, 0, length);
      to = stop == null ? length : clip(stop, length, 0, length);
    } else {
      from = start == null ? length - 1 : clip(start, length, -1, length - 1);
      to = stop == null ? -1 : clip(stop, length, -1, length - 1);
    }
    List<Integer> out = new ArrayList<>();
    for (long i = from; step > 0 ? i < to : i > to; i += step) {
      out.add((int) i);
    }
    return out;
  }

  private static long clip(long bound, int length, long low, long high) {
    long at = bound < 0 ? bound + length : bound;
    return Math.max(low, Math.min(high, at));
  }
}
