package dev.provision.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a test or function call as Jinja gives them, positional and keyword. Jinjava
 * gives a test with parentheses ({@code x is version('1.2', '<', strict=true)}) one list, and reads
 * a keyword argument of a test or function as an assignment, so {@link JinjaRewrites} turns such
 * calls into {@code provision_args(..)} (the arguments, packed) and
 * {@code provision_kwarg('name'), value}, which {@link #of} reads back.
 */
final class CallArguments {

  static final String ARGS = "provision_args";
  static final String KWARG = "provision_kwarg";

  /** The positional and keyword arguments of one call. */
  record Args(List<Object> positional, Map<String, Object> named) {

    Object get(int index, String name, Object fallback) {
      if (named.containsKey(name)) {
        return named.get(name);
      }
      return index >= 0 && index < positional.size() ? positional.get(index) : fallback;
    }

    boolean has(int index, String name) {
      return named.containsKey(name) || (index >= 0 && index < positional.size());
    }
  }

  /** What {@code provision_args(..)} gives: the call's arguments in order, keyword markers included. */
  record Packed(List<Object> values) {}

  /** What {@code provision_kwarg('name')} gives: the next argument is this keyword's value. */
  record Keyword(String name) {}

  private CallArguments() {}

  public static Object pack(Object... values) {
    return new Packed(values == null ? List.of() : Arrays.asList(values));
  }

  public static Object keyword(String name) {
    return new Keyword(name);
  }

  /** The arguments as Jinjava passed them to a test or function. */
  static Args of(Object[] raw) {
    List<Object> values = raw == null ? List.of() : Arrays.asList(raw);
    if (values.size() == 1 && values.get(0) instanceof Packed p) {
      values = p.values();
    }
    List<Object> positional = new ArrayList<>();
    Map<String, Object> named = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) instanceof Keyword k) {
        named.put(k.name(), i + 1 < values.size() ? values.get(++i) : null);
      } else {
        positional.add(values.get(i));
      }
    }
    return new Args(positional, named);
  }
}
