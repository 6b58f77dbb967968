package dev.provision.modules.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pure edit of community.general.ini_file: Ansible's algorithm line for line on the file's text
 * (a fake section before the first one so that a null section is the lines before any [section], the
 * matching of commented {@code #option = value} lines when setting, the insertion after the section's
 * last line that is neither blank nor a comment, the new section appended at the end). Outcome.changed
 * is Ansible's {@code changed}; Outcome.text is the file to write.
 */
final class IniFile {

  private static final String FAKE = "ad01e11446efb704fcdbdb21f2c43757423d91c5";
  private static final Pattern BLANK_OR_COMMENT = Pattern.compile("[ \\t]*([#;].*)?", Pattern.UNIX_LINES);

  record Spec(String section, String option, List<String> values, boolean present, boolean exclusive,
      boolean noExtraSpaces, boolean allowNoValue) {
  }

  record Outcome(boolean changed, String text, String msg) {
  }

  private IniFile() {
  }

  /** Ansible's match_opt (commented lines too) or match_active_opt; the value is group "value". */
  private static Matcher match(String option, String line, boolean commentedToo) {
    Pattern p = Pattern.compile((commentedToo ? "[#;]?" : "") + "[ \\t]*(" + Pattern.quote(option)
        + ")[ \\t]*(=|$)[ \\t]*(?<value>.*)", Pattern.UNIX_LINES);
    Matcher m = p.matcher(line);
    return m.lookingAt() ? m : null;
  }

  /** Python's readlines() of a file opened as utf-8-sig text: BOM dropped, newlines as \n. */
  static List<String> lines(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    t = t.replace("\r\n", "\n").replace('\r', '\n');
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < t.length()) {
      int nl = t.indexOf('\n', start);
      int end = nl < 0 ? t.length() : nl + 1;
      out.add(t.substring(start, end));
      start = end;
    }
    return out;
  }

  /**
   * Ansible's do_ini() on {@code text} (null: the file is missing). Throws IllegalArgumentException
   * where Ansible's module itself crashes (no option while setting values in an existing section).
   */
  static Outcome edit(String text, Spec spec) {
    List<String> values = new ArrayList<>();
    for (String v : spec.values()) {
      if (v != null && !values.contains(v)) {
        values.add(v);
      }
    }
    String option = spec.option();
    List<String> ini = text == null ? new ArrayList<>() : lines(text);
    boolean changed = false;
    if (ini.isEmpty()) {
      ini.add("\n");
    }
    String last = ini.get(ini.size() - 1);
    if (last.isEmpty() || !last.endsWith("\n")) {
      ini.set(ini.size() - 1, last + "\n");
      changed = true;
    }
    ini.add(0, "[" + FAKE + "]");
    ini.add("[");
    String section = spec.section() == null || spec.section().isEmpty() ? FAKE : spec.section();
    boolean within = false;
    int start = 0;
    int end = 0;
    for (int i = 0; i < ini.size(); i++) {
      String line = ini.get(i);
      if (line.startsWith("[" + section + "]")) {
        within = true;
        start = i;
      } else if (line.startsWith("[") && within) {
        end = i;
        break;
      }
    }
    String msg = "OK";
    String format = spec.noExtraSpaces() ? "%s=%s\n" : "%s = %s\n";
    boolean noValuePresent = false;
    List<String> before = new ArrayList<>(ini.subList(0, start));
    List<String> lines = new ArrayList<>(ini.subList(start, end));
    List<String> after = new ArrayList<>(ini.subList(end, ini.size()));
    List<Boolean> touched = new ArrayList<>();
    lines.forEach(l -> touched.add(false));
    boolean present = spec.present();
    if (present && option != null) {
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = match(option, lines.get(i), true);
        if (m == null) {
          continue;
        }
        if (!values.isEmpty() && values.contains(m.group("value"))) {
          String matched = m.group("value");
          String newline;
          if (matched.isEmpty() && spec.allowNoValue()) {
            newline = option + "\n";
            noValuePresent = true;
          } else {
            newline = String.format(format, option, matched);
          }
          if (!lines.get(i).equals(newline)) {
            changed = true;
            msg = "option changed";
          }
          lines.set(i, newline);
          touched.set(i, true);
          values.remove(matched);
        } else if (values.isEmpty() && spec.allowNoValue()) {
          String newline = option + "\n";
          if (!lines.get(i).equals(newline)) {
            changed = true;
            msg = "option changed";
          }
          lines.set(i, newline);
          touched.set(i, true);
          noValuePresent = true;
          break;
        }
      }
    }
    if (present && spec.exclusive() && !spec.allowNoValue()) {
      requireOption(option, lines);
      if (!values.isEmpty()) {
        for (int i = 0; i < lines.size(); i++) {
          if (!touched.get(i) && match(option, lines.get(i), true) != null) {
            String newline = String.format(format, option, values.remove(0));
            if (!lines.get(i).equals(newline)) {
              changed = true;
              msg = "option changed";
            }
            lines.set(i, newline);
            touched.set(i, true);
            if (values.isEmpty()) {
              break;
            }
          }
        }
      }
      for (int i = lines.size() - 1; i > 0; i--) {
        if (!touched.get(i) && match(option, lines.get(i), true) != null) {
          lines.remove(i);
          touched.remove(i);
          changed = true;
          msg = "option changed";
        }
      }
    }
    if (present) {
      for (int i = lines.size(); i > 0; i--) {
        if (!matchesWhole(lines.get(i - 1))) {
          if (option != null && !values.isEmpty()) {
            for (int v = values.size() - 1; v >= 0; v--) {
              lines.add(i, String.format(format, option, values.get(v)));
              msg = "option added";
              changed = true;
            }
          } else if (option != null && values.isEmpty() && spec.allowNoValue() && !noValuePresent) {
            lines.add(i, option + "\n");
            msg = "option added";
            changed = true;
          }
          break;
        }
      }
    } else if (option != null) {
      List<String> kept = new ArrayList<>();
      for (String line : lines) {
        Matcher m = match(option, line, false);
        boolean drop = spec.exclusive() ? m != null : !values.isEmpty() && m != null && values.contains(m.group("value"));
        if (!drop) {
          kept.add(line);
        }
      }
      if ((spec.exclusive() || !values.isEmpty()) && !kept.equals(lines)) {
        changed = true;
        msg = "option changed";
        lines = kept;
      }
    } else if (!lines.isEmpty()) {
      lines = new ArrayList<>();
      msg = "section removed";
      changed = true;
    }
    List<String> out = new ArrayList<>(before);
    out.addAll(lines);
    out.addAll(after);
    out.remove(0);
    out.remove(out.size() - 1);
    if (!within && present) {
      out.add("[" + section + "]\n");
      msg = "section and option added";
      if (option != null && !values.isEmpty()) {
        for (String v : values) {
          out.add(String.format(format, option, v));
        }
      } else if (option != null && spec.allowNoValue()) {
        out.add(option + "\n");
      } else {
        msg = "only section added";
      }
      changed = true;
    }
    return new Outcome(changed, String.join("", out), msg);
  }

  /** Python's re.match('^[ \t]*([#;].*)?$'): the whole line but its final newline. */
  private static boolean matchesWhole(String line) {
    String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    return BLANK_OR_COMMENT.matcher(body).matches();
  }

  private static void requireOption(String option, List<String> sectionLines) {
    if (option == null && !sectionLines.isEmpty()) {
      throw new IllegalArgumentException("option is required to set a value in an existing section");
    }
  }
}
