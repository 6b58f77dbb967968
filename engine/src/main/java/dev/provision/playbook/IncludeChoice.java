package dev.provision.playbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An include whose file name is a template of host variables or facts
 * ({@code include_tasks: "setup-{{ ansible_os_family }}.yml"}): Ansible renders it per host when
 * the include runs, so different hosts may include different files. Provision reads the playbook
 * before any host is known, so it reads every file the name could give (the files that match the
 * name with each {@code {{ }}} as a wildcard), and each file's tasks run for the hosts whose
 * rendered name is that file's: a {@code when} of {@link #expression} against the file's name. The
 * choice is then the walker's per host like any condition, the same in the plan and the apply; a
 * name that reads a registered result is "known after apply" in the plan, as any condition is.
 */
final class IncludeChoice {

  private static final Pattern EXPRESSION = Pattern.compile("\\{\\{-?(.*?)-?}}", Pattern.DOTALL);

  private IncludeChoice() {
  }

  /**
   * The name as one Jinja expression ({@code 'setup-' ~ (ansible_os_family) ~ '.yml'}), for a
   * {@code when}; null when the name holds a statement or comment ({@code {% %}}, {@code {# #}}).
   */
  static String expression(String template) {
    if (template.contains("{%") || template.contains("{#")) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    Matcher m = EXPRESSION.matcher(template);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(literal(template.substring(at, m.start())));
      }
      parts.add("(" + m.group(1).strip() + ")");
      at = m.end();
    }
    if (at < template.length()) {
      parts.add(literal(template.substring(at)));
    }
    return parts.size() == 1 ? "(" + parts.get(0) + " | string)" : String.join(" ~ ", parts);
  }

  /** A Python string literal of {@code text}. */
  static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The loop variables of an include's pass that a name may read when the playbook is read (scalars only). */
  static Map<String, String> known(Map<String, Object> pass) {
    Map<String, String> known = new java.util.HashMap<>();
    pass.forEach((k, v) -> {
      if (v instanceof String || v instanceof Number || v instanceof Boolean) {
        known.put(k, String.valueOf(v));
      }
    });
    return known;
  }

  /**
   * Why a host's rendered name gives nothing, as a template of it: "not found", or for a name in
   * {@code unreadable} (name to reason) that reason.
   */
  static String why(String expression, Map<String, String> unreadable) {
    if (unreadable.isEmpty()) {
      return "not found";
    }
    List<String> pairs = new ArrayList<>();
    unreadable.forEach((n, r) -> pairs.add(literal(n) + ": " + literal(r)));
    return "{{ {" + String.join(", ", pairs) + "}.get(" + expression + ", 'not found') }}";
  }

  /** The condition that a host's rendered name is one of {@code names}. */
  static String oneOf(String expression, List<String> names) {
    return "(" + expression + ") in [" + String.join(", ", names.stream().map(IncludeChoice::literal).toList()) + "]";
  }

  /**
   * The name with its variables known when the playbook is read put in ({@code role_path},
   * {@code playbook_dir}), and each other {@code {{ }}} a {@code *}: the shape of every file it can name.
   */
  static String pattern(String template, Map<String, String> known) {
    Matcher m = EXPRESSION.matcher(template);
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (m.find()) {
      out.append(template, at, m.start());
      String value = known.get(m.group(1).strip());
      out.append(value != null ? value : "*");
      at = m.end();
    }
    out.append(template.substring(at));
    return out.toString().replaceAll("\\*+", "*");
  }

  /**
   * The names, relative to {@code base} as the pattern is (absolute when it is), of the files
   * under {@code base} that match {@code pattern}, sorted; a {@code *} stays within one folder.
   */
  static List<String> matches(Path base, String pattern) {
    List<String> out = new ArrayList<>();
    boolean absolute = pattern.startsWith("/");
    String[] segments = (absolute ? pattern.substring(1) : pattern).split("/");
    walk(absolute ? Path.of("/") : base, segments, 0, absolute ? "/" : "", out);
    return out;
  }

  /** The names of the folders in {@code dir} that match {@code pattern} (one segment), sorted. */
  static List<String> folders(Path dir, String pattern) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    Pattern glob = glob(pattern);
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> glob.matcher(n).matches()).sorted().toList();
    } catch (IOException e) {
      return List.of(); // an unreadable folder holds no role Provision can read
    }
  }

  private static void walk(Path dir, String[] segments, int i, String prefix, List<String> out) {
    String segment = segments[i];
    boolean last = i == segments.length - 1;
    List<String> names = new ArrayList<>();
    if (!segment.contains("*")) {
      names.add(segment);
    } else if (Files.isDirectory(dir)) {
      Pattern glob = glob(segment);
      try (Stream<Path> list = Files.list(dir)) {
        list.map(p -> p.getFileName().toString()).filter(n -> glob.matcher(n).matches()).sorted().forEach(names::add);
      } catch (IOException e) {
        return; // an unreadable folder holds no file Provision can read
      }
    }
    for (String name : names) {
      Path next = dir.resolve(name);
      String text = prefix + name;
      if (last && Files.isRegularFile(next)) {
        out.add(text);
      } else if (!last && Files.isDirectory(next)) {
        walk(next, segments, i + 1, text + "/", out);
      }
    }
  }

  private static Pattern glob(String segment) {
    List<String> parts = new ArrayList<>();
    for (String part : segment.split("\\*", -1)) {
      parts.add(Pattern.quote(part));
    }
    return Pattern.compile(String.join("[^/]*", parts));
  }
}
