package dev.provision.run;

import dev.provision.module.Diff;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces every known secret value with {@code ********} in text and in nested data. Secrets come
 * from no_log tasks, secret variables, secret module parameters and {@code HostContext.secret}.
 * Very short values are ignored: masking "on" or "1" everywhere would make output useless.
 */
public final class Redactor {

  public static final String MASK = "********";
  static final int MIN_LENGTH = 3;

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  private volatile List<String> longestFirst = List.of();

  /** Adds a secret; strings inside maps and lists are added one by one. */
  public void add(Object value) {
    if (value instanceof String s) {
      String trimmed = s.strip();
      boolean added = s.length() >= MIN_LENGTH && secrets.add(s);
      if (!trimmed.equals(s) && trimmed.length() >= MIN_LENGTH) {
        added |= secrets.add(trimmed); // command output usually ends with a newline
      }
      if (added) {
        List<String> sorted = new ArrayList<>(secrets);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        longestFirst = List.copyOf(sorted);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(this::add);
    } else if (value instanceof Iterable<?> list) {
      list.forEach(this::add);
    } else if (value instanceof char[] chars) {
      add(new String(chars));
    }
  }

  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : longestFirst) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  /** A copy of {@code value} with every string redacted (maps, lists, diffs walked). */
  public Object redactDeep(Object value) {
    if (value instanceof String s) {
      return redact(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(redact(String.valueOf(k)), redactDeep(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(redactDeep(v)));
      return out;
    }
    if (value instanceof Diff d) {
      return new Diff(redact(d.header()), redact(d.before()), redact(d.after()));
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> redactMap(Map<String, Object> map) {
    return (Map<String, Object>) redactDeep(map);
  }

  public List<Diff> redactDiffs(List<Diff> diffs) {
    return diffs.stream().map(d -> (Diff) redactDeep(d)).toList();
  }
}
