package dev.provision.modules.packages;

import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A .repo file as Python's RawConfigParser reads and writes it, which is how Ansible's yum_repository
 * edits one: sections and options in file order (option names lower-cased, comments dropped,
 * continuation lines joined with newlines), written back as {@code key = value} with continuations
 * indented by a tab and a blank line after each section. {@link #dump} is Ansible's sorted form, which
 * decides whether anything changed.
 */
final class RepoFile {

  private static final Pattern SECTION = Pattern.compile("\\[(?<header>.+)\\]");
  private static final Pattern OPTION = Pattern.compile("(?<option>.*?)\\s*(?<vi>[=:])\\s*(?<value>.*)$");

  private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

  static RepoFile parse(String path, String text) throws ModuleException {
    RepoFile file = new RepoFile();
    Map<String, String> current = null;
    String lastKey = null;
    int pendingBlank = 0;
    int number = 0;
    for (String line : text.split("\r\n|\r|\n", -1)) {
      number++;
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        pendingBlank++;
        continue;
      }
      if (stripped.startsWith("#") || stripped.startsWith(";")) {
        continue;
      }
      boolean indented = Character.isWhitespace(line.charAt(0));
      if (indented && current != null && lastKey != null) {
        current.put(lastKey, current.get(lastKey) + "\n".repeat(pendingBlank + 1) + stripped);
        pendingBlank = 0;
        continue;
      }
      pendingBlank = 0;
      Matcher s = SECTION.matcher(line);
      if (s.lookingAt()) {
        String name = s.group("header");
        if (file.sections.containsKey(name)) {
          throw new ModuleException(path + " line " + number + ": section '" + name + "' already exists");
        }
        current = new LinkedHashMap<>();
        file.sections.put(name, current);
        lastKey = null;
        continue;
      }
      if (current == null) {
        throw new ModuleException(path + " line " + number + ": a line before any [section]: " + line);
      }
      Matcher o = OPTION.matcher(line);
      if (!o.matches() || o.group("option").strip().isEmpty()) {
        throw new ModuleException(path + " line " + number + ": not a key = value line: " + line);
      }
      lastKey = o.group("option").strip().toLowerCase(java.util.Locale.ROOT);
      current.put(lastKey, o.group("value").strip());
    }
    return file;
  }

  boolean has(String section) {
    return sections.containsKey(section);
  }

  void remove(String section) {
    sections.remove(section);
  }

  /** The section again, at the end, with these options in this order. */
  void add(String section, Map<String, String> options) {
    sections.remove(section);
    sections.put(section, new LinkedHashMap<>(options));
  }

  boolean isEmpty() {
    return sections.isEmpty();
  }

  /** Ansible's dump(): sections and keys sorted. */
  String dump() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Map<String, String>> s : new TreeMap<>(sections).entrySet()) {
      out.append('[').append(s.getKey()).append("]\n");
      new TreeMap<>(s.getValue()).forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
      out.append('\n');
    }
    return out.toString();
  }

  /** RawConfigParser.write(): file order, continuation lines indented with a tab. */
  String write() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
      out.append('[').append(s.getKey()).append("]\n");
      s.getValue().forEach((k, v) -> out.append(k).append(" = ").append(v.replace("\n", "\n\t")).append('\n'));
      out.append('\n');
    }
    return out.toString();
  }

  List<String> names() {
    return new ArrayList<>(sections.keySet());
  }
}
