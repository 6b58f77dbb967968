package dev.provision.inventory;

import dev.provision.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code ansible-inventory -i PATH --list} prints: one entry per non-empty group with its
 * {@code hosts} and {@code children} ({@code all} lists only children), and
 * {@code _meta.hostvars} with every host's merged variables (hosts without variables left out).
 * {@link #render} writes it the way Python's {@code json.dumps(sort_keys=True, indent=4)} does.
 */
public final class AnsibleInventoryJson {

  private AnsibleInventoryJson() {}

  /** The structure as plain maps and lists, groups in Ansible's walk order. */
  public static Map<String, Object> structure(Inventory inventory) {
    Map<String, Object> result = new LinkedHashMap<>();
    formatGroup(inventory, "all", result, new java.util.HashSet<>());
    Map<String, Object> hostvars = new LinkedHashMap<>();
    for (String name : InventoryGraph.hostsOf(inventory, "all")) {
      Host host = inventory.hosts().get(name);
      if (!host.vars().isEmpty()) {
        hostvars.put(name, host.vars());
      }
    }
    result.put("_meta", Map.of("hostvars", hostvars));
    return result;
  }

  /** The exact text of {@code ansible-inventory --list}, without the trailing newline. */
  public static String render(Inventory inventory) {
    StringBuilder out = new StringBuilder();
    write(structure(inventory), out, 0);
    return out.toString();
  }

  private static void formatGroup(Inventory inventory, String name, Map<String, Object> result, Set<String> seen) {
    Group group = inventory.groups().get(name);
    Map<String, Object> entry = new LinkedHashMap<>();
    if (!name.equals("all") && !group.hosts().isEmpty()) {
      entry.put("hosts", group.hosts());
    }
    if (!group.children().isEmpty()) {
      entry.put("children", group.children());
    }
    result.put(name, entry);
    for (String child : group.children()) {
      if (!seen.contains(child)) {
        formatGroup(inventory, child, result, seen);
        seen.add(child);
      }
    }
    if (entry.isEmpty()) {
      result.remove(name);
    }
  }

  private static void write(Object value, StringBuilder out, int depth) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      out.append('{');
      String sep = "";
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        out.append(sep).append('\n').append("    ".repeat(depth + 1));
        Json.string(e.getKey(), out);
        out.append(": ");
        write(e.getValue(), out, depth + 1);
        sep = ",";
      }
      out.append('\n').append("    ".repeat(depth)).append('}');
    } else if (value instanceof Collection<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      String sep = "";
      for (Object item : new ArrayList<>(list)) {
        out.append(sep).append('\n').append("    ".repeat(depth + 1));
        write(item, out, depth + 1);
        sep = ",";
      }
      out.append('\n').append("    ".repeat(depth)).append(']');
    } else if (value instanceof Double d) {
      out.append(pythonFloat(d));
    } else if (value instanceof String || value instanceof Number || value instanceof Boolean || value == null) {
      out.append(Json.write(value));
    } else {
      out.append(Json.write(String.valueOf(value)));
    }
  }

  /** Python's float repr: shortest digits, exponent form below 1e-4 and from 1e16. */
  static String pythonFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    } else if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    } else if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int decpt = digits.length() - bd.scale();
    String sign = d < 0 ? "-" : "";
    if (decpt > -4 && decpt <= 16) {
      String plain = bd.toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    int exp = decpt - 1;
    String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
    return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }
}
