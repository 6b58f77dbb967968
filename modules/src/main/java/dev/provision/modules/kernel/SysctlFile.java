package dev.provision.modules.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sysctl file as {@code ansible.posix.sysctl} reads and rewrites it: every line stripped; a line
 * that is blank, a comment ({@code #}, {@code ;}) or has no {@code =} is kept as it is; a setting is
 * written {@code key=value} without spaces, and only the first line of each key is kept (the value the
 * module compares is the last one's). Pure, so the plan and the apply compute the same text.
 */
record SysctlFile(List<String> lines, Map<String, String> values) {

  static SysctlFile parse(String text) {
    List<String> lines = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (String raw : text.split("\n", -1)) {
      lines.add(raw.strip());
    }
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty() && text.endsWith("\n") || text.isEmpty()) {
      lines.remove(lines.size() - 1); // the split's empty word after the last newline
    }
    for (String line : lines) {
      if (setting(line)) {
        int eq = line.indexOf('=');
        values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return new SysctlFile(lines, values);
  }

  private static boolean setting(String line) {
    return !line.isEmpty() && !line.startsWith("#") && !line.startsWith(";") && line.contains("=");
  }

  /** The file's value of {@code key} (its last line), or null. */
  String value(String key) {
    return values.get(key);
  }

  /** The text Ansible writes: {@code key} set to {@code value}, or removed when {@code value} is null. */
  String with(String key, String value) {
    List<String> seen = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      if (!setting(line)) {
        out.append(line).append('\n');
        continue;
      }
      int eq = line.indexOf('=');
      String k = line.substring(0, eq).strip();
      if (seen.contains(k)) {
        continue;
      }
      seen.add(k);
      if (!k.equals(key)) {
        out.append(k).append('=').append(line.substring(eq + 1).strip()).append('\n');
      } else if (value != null) {
        out.append(k).append('=').append(value).append('\n');
      }
    }
    if (!seen.contains(key) && value != null) {
      out.append(key).append('=').append(value).append('\n');
    }
    return out.toString();
  }
}
