package dev.provision.run;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code omit}: a placeholder string, random per run, that a task's argument takes
 * ({@code mode: "{{ m | default(omit) }}"}) to be left out, as if not written. As Ansible's
 * {@code remove_omit}, a key whose value is the placeholder is dropped from mappings at any depth
 * (also mappings inside lists); a list item that is the placeholder stays.
 */
final class Omit {

  static final String TOKEN = "__omit_place_holder__" + HexFormat.of().formatHex(new SecureRandom().generateSeed(20));

  private Omit() {}

  static Object drop(Object args) {
    if (!(args instanceof Map<?, ?> map)) {
      return args;
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (TOKEN.equals(v)) {
        return;
      }
      out.put(k, v instanceof List<?> list ? list.stream().map(Omit::drop).toList() : drop(v));
    });
    return out;
  }
}
