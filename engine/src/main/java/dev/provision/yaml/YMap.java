package dev.provision.yaml;

import dev.provision.diag.SourceSpan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A mapping with string keys, in file order. Duplicate keys never reach here: the reader reports
 * them. {@code keys} keeps each key's own span, for "unknown key" errors.
 */
public final class YMap implements YNode {

  private final Map<String, YNode> entries;
  private final Map<String, SourceSpan> keys;
  private final SourceSpan span;

  public YMap(Map<String, YNode> entries, Map<String, SourceSpan> keys, SourceSpan span) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.span = span;
  }

  public Map<String, YNode> entries() {
    return entries;
  }

  public Set<String> keySet() {
    return entries.keySet();
  }

  public Optional<YNode> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The span of the key itself; falls back to the value's span. */
  public SourceSpan keySpan(String key) {
    SourceSpan k = keys.get(key);
    return k != null ? k : entries.containsKey(key) ? entries.get(key).span() : span;
  }

  @Override
  public SourceSpan span() {
    return span;
  }

  @Override
  public Object toPlain() {
    Map<String, Object> out = new LinkedHashMap<>();
    entries.forEach((k, v) -> out.put(k, v.toPlain()));
    return out;
  }

  @Override
  public String kind() {
    return "a mapping";
  }

  @Override
  public String toString() {
    return "YMap" + entries.keySet() + "@" + span;
  }
}
