package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simple field path, as kubectl's jsonpath without the braces: {@code .status.phase},
 * {@code .spec.containers[0].image}, {@code .metadata.annotations["kubevirt.io/latest-observed-api-version"]}.
 * A missing field reads as null.
 */
public record FieldPath(String text, List<Object> steps) {

  public static FieldPath parse(String text) throws ModuleException {
    List<Object> steps = new ArrayList<>();
    String s = text.trim();
    int i = 0;
    if (s.isEmpty()) {
      throw new ModuleException("empty field path");
    }
    if (s.charAt(0) != '.' && s.charAt(0) != '[') {
      s = "." + s; // "status.phase" reads as ".status.phase"
    }
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < s.length() && s.charAt(end) != '.' && s.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw new ModuleException("field path `" + text + "`: empty name at column " + (i + 1));
        }
        steps.add(s.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        char q = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        int close;
        if (q == '"' || q == '\'') {
          int endQuote = s.indexOf(q + "]", i + 2); // a quoted key may hold dots and brackets
          if (endQuote < 0) {
            throw new ModuleException("field path `" + text + "`: quoted key at column " + (i + 1) + " is not closed");
          }
          steps.add(s.substring(i + 2, endQuote));
          close = endQuote + 1;
        } else {
          close = s.indexOf(']', i);
          String inside = close < 0 ? "" : s.substring(i + 1, close).trim();
          if (close < 0 || !inside.matches("-?[0-9]+")) {
            throw new ModuleException("field path `" + text + "`: `[` at column " + (i + 1)
                + " needs an index like [0] or a quoted key like [\"a.b\"]");
          }
          steps.add(Integer.parseInt(inside));
        }
        i = close + 1;
      } else {
        throw new ModuleException("field path `" + text + "`: unexpected `" + c + "` at column " + (i + 1));
      }
    }
    return new FieldPath(text, List.copyOf(steps));
  }

  /** The value at this path, or null when any step is missing. Negative indexes count from the end. */
  public Object read(Object root) {
    Object cur = root;
    for (Object step : steps) {
      if (step instanceof String key && cur instanceof Map<?, ?> m) {
        cur = m.get(key);
      } else if (step instanceof Integer index && cur instanceof List<?> l) {
        int i = index < 0 ? l.size() + index : index;
        cur = i >= 0 && i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
    }
    return cur;
  }
}
