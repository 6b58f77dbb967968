package dev.provision.module;

import dev.provision.connection.Durations;
import dev.provision.yaml.ScalarTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bound, converted parameter values of one task run. Absent optional values are simply missing. */
public final class Params {

  private final String module;
  private final Map<String, Object> values;

  public Params(String module, Map<String, Object> values) {
    this.module = module;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public String string(String name) {
    Object v = require(name);
    return (String) v;
  }

  public Optional<String> optString(String name) {
    return Optional.ofNullable((String) values.get(name));
  }

  public String stringOr(String name, String fallback) {
    return optString(name).orElse(fallback);
  }

  public long integer(String name) {
    return (Long) require(name);
  }

  public Optional<Long> optInteger(String name) {
    return Optional.ofNullable((Long) values.get(name));
  }

  /** A {@link ParamType#DURATION} parameter. */
  public Duration duration(String name) {
    return (Duration) require(name);
  }

  public boolean bool(String name) {
    Object v = values.get(name);
    return v != null && (Boolean) v;
  }

  @SuppressWarnings("unchecked")
  public List<Object> list(String name) {
    Object v = values.get(name);
    return v == null ? List.of() : (List<Object>) v;
  }

  public List<String> strings(String name) {
    List<String> out = new ArrayList<>();
    for (Object o : list(name)) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String name) {
    Object v = values.get(name);
    return v == null ? Map.of() : (Map<String, Object>) v;
  }

  public Object raw(String name) {
    return values.get(name);
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalStateException("module " + module + " read parameter " + name + " which is not set");
    }
    return v;
  }

  /** Ansible-style lenient conversion; throws IllegalArgumentException with a reason. */
  static Object convert(Param p, Object v) {
    switch (p.type()) {
      case STRING:
        if (v instanceof Map || v instanceof List) {
          throw new IllegalArgumentException("got a " + (v instanceof Map ? "mapping" : "list"));
        }
        return String.valueOf(v);
      case INT:
        if (v instanceof Long l) {
          return l;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
          return n.longValue();
        }
        if (v instanceof String s) {
          try {
            return Long.parseLong(s.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("`" + s + "` is not a whole number");
          }
        }
        throw new IllegalArgumentException("`" + v + "` is not a whole number");
      case BOOL:
        if (v instanceof Boolean b) {
          return b;
        }
        if (v instanceof String || v instanceof Number) {
          String t = String.valueOf(v).trim().toLowerCase(java.util.Locale.ROOT);
          if (List.of("true", "yes", "on", "1", "y").contains(t)) {
            return true;
          }
          if (List.of("false", "no", "off", "0", "n", "").contains(t)) {
            return false;
          }
        }
        throw new IllegalArgumentException("`" + v + "` is not true or false");
      case LIST:
        if (v instanceof List<?> l) {
          return new ArrayList<Object>(l);
        }
        if (v instanceof String s) {
          List<Object> out = new ArrayList<>();
          for (String part : s.split(",")) {
            if (!part.isBlank()) {
              out.add(part.trim());
            }
          }
          return out;
        }
        if (v instanceof Map) {
          throw new IllegalArgumentException("got a mapping");
        }
        return new ArrayList<Object>(List.of(v));
      case DURATION:
        return Durations.of(v);
      case MAP:
        if (v instanceof Map<?, ?> m) {
          Map<String, Object> out = new LinkedHashMap<>();
          m.forEach((k, val) -> out.put(String.valueOf(k), val));
          return out;
        }
        throw new IllegalArgumentException("got " + (v instanceof List ? "a list" : "`" + v + "`"));
      default:
        return v;
    }
  }

  static boolean looksTrue(String s) {
    return ScalarTypes.isTruthyWord(s);
  }
}
