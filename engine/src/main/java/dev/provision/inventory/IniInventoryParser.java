package dev.provision.inventory;

import dev.provision.connection.Shlex;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory: {@code [group]} host lines ({@code name[:port] key=value ...}, split like
 * a shell and typed with Python's literal_eval), {@code [group:vars]} ({@code key=value}, typed the
 * same way) and {@code [group:children]}. A child group never declared in the file is an error.
 */
final class IniInventoryParser {

  private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:#.*)?$");
  private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");

  /** A child named before its own section: where, and which parents wait for it. */
  private record Pending(String state, SourceSpan span, List<String> parents) {}

  private final InventoryBuilder inventory;
  private final Diagnostics diagnostics;
  private final String file;

  IniInventoryParser(InventoryBuilder inventory, Diagnostics diagnostics, String file) {
    this.inventory = inventory;
    this.diagnostics = diagnostics;
    this.file = file;
  }

  void parse(List<String> lines) {
    Map<String, Pending> pending = new LinkedHashMap<>();
    String group = "ungrouped";
    String state = "hosts";
    for (int n = 1; n <= lines.size(); n++) {
      String raw = lines.get(n - 1);
      String line = raw.strip();
      int indent = leadingWhitespace(raw);
      if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
        continue;
      }
      Matcher m = SECTION.matcher(line);
      if (m.matches()) {
        group = m.group(1);
        state = m.group(2) == null ? "hosts" : m.group(2);
        if (!List.of("hosts", "children", "vars").contains(state)) {
          diagnostics.error(
              span(n, indent + m.start(2) + 1, m.group(2).length()),
              "section [" + group + ":" + state + "] has an unknown type `" + state + "`",
              hint(state, List.of("vars", "children"), "use [group], [group:vars] or [group:children]"));
          state = "skip";
          continue;
        }
        if (!inventory.groups.containsKey(group)) {
          if (state.equals("vars") && !pending.containsKey(group)) {
            pending.put(group, new Pending("vars", span(n, indent + 2, group.length()), new ArrayList<>()));
          }
          inventory.addGroup(group);
        }
        Pending waiting = pending.get(group);
        if (waiting != null && !state.equals("vars")) {
          if (waiting.state().equals("children")) {
            addPendingChildren(group, pending);
          } else {
            pending.remove(group);
          }
        }
        continue;
      } else if (line.startsWith("[") && line.endsWith("]")) {
        diagnostics.error(
            span(n, indent + 1, line.length()),
            "invalid section header `" + line + "`",
            "a section is [group], [group:vars] or [group:children], with no spaces");
        state = "skip";
        continue;
      }
      switch (state) {
        case "hosts" -> hostLine(group, raw, line, indent, n);
        case "vars" -> varLine(group, line, indent, n);
        case "children" -> childLine(group, line, indent, n, pending);
        default -> { } // the section header was already reported
      }
    }
    pending.forEach((name, p) -> reportUndefined(name, p));
  }

  private void addPendingChildren(String group, Map<String, Pending> pending) {
    for (String parent : pending.get(group).parents()) {
      addChild(parent, group, pending.get(group).span());
      Pending parentPending = pending.get(parent);
      if (parentPending != null && parentPending.state().equals("children")) {
        addPendingChildren(parent, pending);
      }
    }
    pending.remove(group);
  }

  private void reportUndefined(String name, Pending p) {
    if (p.state().equals("vars")) {
      diagnostics.error(
          p.span(),
          "section [" + name + ":vars] is for group `" + name + "`, which this file never defines",
          hint(name, inventory.groups.keySet(), "add a [" + name + "] section with its hosts, or a [" + name + ":children] section"));
    } else {
      diagnostics.error(
          p.span(),
          "section [" + p.parents().get(p.parents().size() - 1) + ":children] includes undefined group `" + name + "`",
          hint(name, inventory.groups.keySet(), "define it with a [" + name + "] or [" + name + ":children] section"));
    }
  }

  private void hostLine(String group, String raw, String line, int indent, int n) {
    List<Shlex.Word> tokens;
    try {
      tokens = Shlex.words(line, true);
    } catch (IllegalArgumentException e) {
      diagnostics.error(span(n, indent + 1, line.length()), "cannot split host line: " + e.getMessage(), "close the quote");
      return;
    }
    if (tokens.isEmpty()) {
      return;
    }
    Shlex.Word first = tokens.get(0);
    HostRange.Expansion expansion;
    try {
      expansion = HostRange.expand(first.text());
    } catch (IllegalArgumentException e) {
      diagnostics.error(
          span(n, indent + first.offset() + 1, first.text().length()),
          "bad host entry `" + first.text() + "`: " + e.getMessage(),
          "write a range as [01:03], [1:9:2] or [a:c], and a port as host:2222");
      return;
    }
    if (expansion.hosts().contains("---")) {
      diagnostics.error(span(n, indent + 1, 3), "`---` is not a host name", "this looks like YAML: give the file a .yaml extension");
      return;
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    for (Shlex.Word t : tokens.subList(1, tokens.size())) {
      int eq = t.text().indexOf('=');
      if (eq < 0) {
        diagnostics.error(
            span(n, indent + t.offset() + 1, t.text().length()),
            "expected key=value after the host name, got `" + t.text() + "`",
            "write host variables as key=value; quote values that contain spaces");
        return;
      }
      vars.put(t.text().substring(0, eq), PythonLiteral.typeIniValue(t.text().substring(eq + 1)));
    }
    for (String host : expansion.hosts()) {
      inventory.addHost(host, group, expansion.port()).vars.putAll(vars);
    }
  }

  private void varLine(String group, String line, int indent, int n) {
    int eq = line.indexOf('=');
    if (eq < 0) {
      diagnostics.error(span(n, indent + 1, line.length()), "expected key=value, got `" + line + "`", "a [" + group + ":vars] line is key=value");
      return;
    }
    String key = line.substring(0, eq).strip();
    try {
      inventory.setGroupVar(group, key, PythonLiteral.typeIniValue(line.substring(eq + 1).strip()));
    } catch (IllegalArgumentException e) {
      diagnostics.error(span(n, indent + eq + 2, line.length() - eq - 1), e.getMessage(), "use a whole number; higher numbers win");
    }
  }

  private void childLine(String group, String line, int indent, int n, Map<String, Pending> pending) {
    Matcher m = GROUP_NAME.matcher(line);
    if (!m.matches()) {
      diagnostics.error(span(n, indent + 1, line.length()), "expected a group name, got `" + line + "`", "list one child group per line");
      return;
    }
    String child = m.group(1);
    SourceSpan where = span(n, indent + 1, child.length());
    if (inventory.groups.containsKey(child)) {
      addChild(group, child, where);
    } else if (pending.containsKey(child)) {
      pending.get(child).parents().add(group);
    } else {
      pending.put(child, new Pending("children", where, new ArrayList<>(List.of(group))));
    }
  }

  private void addChild(String parent, String child, SourceSpan where) {
    try {
      inventory.addChild(parent, child);
    } catch (IllegalArgumentException e) {
      diagnostics.error(where, e.getMessage(), "a group cannot contain one of its own parents");
    }
  }

  private SourceSpan span(int line, int column, int length) {
    return new SourceSpan(file, line, column, line, column + Math.max(1, length));
  }

  private static int leadingWhitespace(String raw) {
    int i = 0;
    while (i < raw.length() && Character.isWhitespace(raw.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String hint(String name, java.util.Collection<String> candidates, String fallback) {
    List<String> others = candidates.stream().filter(c -> !c.equals(name)).toList();
    String mean = Suggestions.didYouMean(name, others);
    return mean != null ? mean + " Otherwise " + Character.toLowerCase(fallback.charAt(0)) + fallback.substring(1) : fallback;
  }
}
