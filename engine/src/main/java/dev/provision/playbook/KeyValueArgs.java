package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Module arguments written as one string, the way Ansible's {@code parse_kv} reads them:
 * {@code file: path=/x state=touch}, {@code debug: msg="hello world"}, {@code command: ls chdir=/tmp}.
 * The string is split on white space outside quotes and outside {@code {{ }}}, {@code {% %}} and
 * {@code {# #}}; a word with an unescaped {@code =} is {@code key=value} (the value's outer quotes
 * removed and its escapes decoded); any other word is free text.
 *
 * <p>For a module with a free-form parameter ({@code command}, {@code shell}), only the words whose
 * key is one of {@link #FREE_FORM_OPTIONS} are options, as in Ansible; every other word, {@code =} or
 * not, stays in the free text ({@code shell: echo a=b > f chdir=/tmp} runs {@code echo a=b > f} in
 * {@code /tmp}). A module without one takes no free text.
 *
 * <p>The result is a mapping with spans inside the original string, so every later check (the
 * module's schema, template syntax) points at the word it is about.
 */
final class KeyValueArgs {

  /** The options Ansible's parser takes out of a free-form module's text; the rest is the command. */
  static final Set<String> FREE_FORM_OPTIONS = Set.of("creates", "removes", "chdir", "executable", "warn", "stdin",
      "stdin_add_newline", "strip_empty_ends");

  /**
   * Whether {@code key=...} in a free-form module's text is an option. A command's text ({@code cmd})
   * keeps every other word, {@code a=b} included, as Ansible does; another free-form module ({@code
   * apt: update_cache=yes}, {@code include_vars: file=x.yml}) takes every {@code name=value} word as a
   * parameter, and only the rest as its free-form value.
   */
  private static boolean isOption(String key, String freeForm) {
    return "cmd".equals(freeForm) ? FREE_FORM_OPTIONS.contains(key) : key.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  /** One word of the string: its text as written and where it starts. */
  record Word(String text, int start) {}

  private KeyValueArgs() {}

  /**
   * The arguments as a mapping. {@code freeForm} is the module's free-form parameter, or null: then
   * free text is an error (reported, and left out).
   */
  static YMap read(YScalar scalar, String module, String freeForm, Diagnostics out) {
    String text = scalar.text();
    List<Word> words;
    try {
      words = split(text);
    } catch (IllegalArgumentException e) {
      out.error(scalar.span(), "cannot split the arguments of `" + module + "` into words: " + e.getMessage(),
          "close every quote and every `{{`, `{%` and `{#`");
      return new YMap(Map.of(), Map.of(), scalar.span());
    }
    Map<String, dev.provision.yaml.YNode> entries = new LinkedHashMap<>();
    Map<String, SourceSpan> keys = new LinkedHashMap<>();
    List<Word> raw = new ArrayList<>();
    for (Word w : words) {
      int eq = assignment(w.text());
      String key = eq < 0 ? null : w.text().substring(0, eq).strip();
      if (key == null || freeForm != null && !isOption(key, freeForm)) {
        raw.add(w);
        continue;
      }
      String value = unquote(w.text().substring(eq + 1).strip());
      int valueStart = w.start() + eq + 1;
      if (entries.containsKey(key)) {
        out.error(span(scalar, w.start(), key.length()), "parameter `" + key + "` is given twice", "keep one");
        continue;
      }
      entries.put(key, new YScalar(decodeEscapes(value), false, span(scalar, valueStart, value.length())));
      keys.put(key, span(scalar, w.start(), key.length()));
    }
    if (!raw.isEmpty()) {
      Word first = raw.get(0);
      String joined = join(text, raw);
      if (freeForm == null) {
        out.error(span(scalar, first.start(), first.text().length()), "module `" + module
            + "` takes `key=value` parameters or a mapping, not free text `" + first.text().replace("\\=", "=") + "`",
            "write the parameters as `key=value` words, or as `key: value` lines under `" + module + ":`");
      } else {
        Map<String, dev.provision.yaml.YNode> ordered = new LinkedHashMap<>();
        ordered.put(freeForm, new YScalar(joined, false, span(scalar, first.start(), joined.length())));
        keys.put(freeForm, span(scalar, first.start(), first.text().length()));
        ordered.putAll(entries);
        entries = ordered;
      }
    }
    return new YMap(entries, keys, scalar.span());
  }

  /**
   * A task's module arguments as the module's schema reads them: {@code written} (the module key's
   * value) read as {@code key=value} words when it is a string, then merged over the task's
   * {@code args:} mapping ({@code extra}, may be null), whose keys the written ones override, as in
   * Ansible. A free-form module's text without options stays a string ({@code command: uname -r}).
   */
  static dev.provision.yaml.YNode arguments(dev.provision.yaml.YNode written, dev.provision.yaml.YNode extra,
      String module, String freeForm, Diagnostics out) {
    dev.provision.yaml.YNode args = written;
    if (written instanceof YScalar s && !s.isNull() && s.toPlain() instanceof String text) {
      if (freeForm != null) {
        boolean options = false;
        try {
          options = split(text).stream().anyMatch(w -> {
            int eq = assignment(w.text());
            return eq > 0 && isOption(w.text().substring(0, eq).strip(), freeForm);
          });
        } catch (IllegalArgumentException e) {
          options = false; // the module splits its command itself, and says what is wrong with it
        }
        args = options ? read(s, module, freeForm, out) : s;
      } else if (Keywords.templated(s) && oneWord(text) && assignment(text.strip()) < 0) {
        out.error(s.span(), "module arguments given as one template (`" + module + ": " + text
            + "`) are not supported yet", "write the parameters as `key: value` lines under `" + module + ":`");
        return null;
      } else {
        args = read(s, module, null, out);
      }
    }
    if (extra == null || extra instanceof YScalar e && e.isNull()) {
      return args;
    }
    if (!(extra instanceof YMap more)) {
      out.error(extra.span(), extra instanceof YScalar e && Keywords.templated(e)
          ? "`args` given as a template is not supported yet" : "`args` must be a mapping of parameters, not " + extra.kind(),
          "write the parameters as `key: value` lines under `args:`");
      return args;
    }
    Map<String, dev.provision.yaml.YNode> entries = new LinkedHashMap<>();
    Map<String, SourceSpan> keys = new LinkedHashMap<>();
    more.entries().forEach((k, v) -> {
      entries.put(k, v);
      keys.put(k, more.keySpan(k));
    });
    if (args instanceof YMap inline) {
      inline.entries().forEach((k, v) -> {
        entries.remove(k); // the module key's own arguments win, and keep their place
        entries.put(k, v);
        keys.put(k, inline.keySpan(k));
      });
    } else if (args instanceof YScalar s && !s.isNull() && freeForm != null) {
      entries.remove(freeForm);
      Map<String, dev.provision.yaml.YNode> ordered = new LinkedHashMap<>();
      ordered.put(freeForm, s);
      ordered.putAll(entries);
      entries.clear();
      entries.putAll(ordered);
      keys.put(freeForm, s.span());
    } else if (args != null && !(args instanceof YScalar s && s.isNull())) {
      return args; // a shape the schema refuses, with its own words
    }
    return new YMap(entries, keys, args != null ? args.span() : more.span());
  }

  private static boolean oneWord(String text) {
    try {
      return split(text).size() == 1;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Ansible's {@code split_args}: words separated by white space, except inside quotes and Jinja
   * blocks; a lone backslash at the end of a line continues it. Words keep their quotes.
   */
  static List<Word> split(String text) {
    List<Word> words = new ArrayList<>();
    char quote = 0;
    int print = 0;
    int block = 0;
    int comment = 0;
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      boolean nested = quote != 0 || print > 0 || block > 0 || comment > 0;
      if (!nested && Character.isWhitespace(c)) {
        if (start >= 0) {
          add(words, text, start, i);
          start = -1;
        }
        continue;
      }
      if (start < 0) {
        start = i;
      }
      if ((c == '"' || c == '\'') && (i == 0 || text.charAt(i - 1) != '\\')) {
        if (quote == 0) {
          quote = c;
        } else if (quote == c) {
          quote = 0;
        }
      } else if (c == '{' && (next == '{' || next == '%' || next == '#')) {
        print += next == '{' ? 1 : 0;
        block += next == '%' ? 1 : 0;
        comment += next == '#' ? 1 : 0;
        i++;
      } else if (next == '}' && (c == '}' && print > 0 || c == '%' && block > 0 || c == '#' && comment > 0)) {
        print -= c == '}' ? 1 : 0;
        block -= c == '%' ? 1 : 0;
        comment -= c == '#' ? 1 : 0;
        i++;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("a " + (quote == '"' ? "double" : "single") + " quote is not closed");
    }
    if (print > 0 || block > 0 || comment > 0) {
      throw new IllegalArgumentException("a Jinja block is not closed");
    }
    if (start >= 0) {
      add(words, text, start, text.length());
    }
    return words;
  }

  private static void add(List<Word> words, String text, int start, int end) {
    String word = text.substring(start, end);
    if (!word.equals("\\")) { // a line continuation
      words.add(new Word(word, start));
    }
  }

  /** The index of the word's first unescaped {@code =} after its first character, or -1. */
  private static int assignment(String word) {
    for (int i = 1; i < word.length(); i++) {
      if (word.charAt(i) == '=' && word.charAt(i - 1) != '\\') {
        String key = word.substring(0, i);
        // a key is a name; `a{{ b }}=c` or `"x=y"` are free text
        return key.strip().matches("[A-Za-z_][A-Za-z0-9_]*") ? i : -1;
      }
    }
    return -1;
  }

  /** The free words as written, with the spacing between neighbours kept and the options cut out. */
  private static String join(String text, List<Word> raw) {
    StringBuilder out = new StringBuilder();
    Word previous = null;
    for (Word w : raw) {
      if (previous != null) {
        String between = text.substring(previous.start() + previous.text().length(), w.start());
        out.append(between.isBlank() && adjacent(text, previous, w) ? between : " ");
      }
      out.append(w.text().replace("\\=", "="));
      previous = w;
    }
    return out.toString();
  }

  private static boolean adjacent(String text, Word a, Word b) {
    return text.substring(a.start() + a.text().length(), b.start()).isBlank();
  }

  /** Ansible's {@code unquote}: the outer quotes go when both ends hold the same one. */
  static String unquote(String value) {
    if (value.length() > 1 && value.charAt(0) == value.charAt(value.length() - 1)
        && (value.charAt(0) == '"' || value.charAt(0) == '\'') && value.charAt(value.length() - 2) != '\\') {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  /** Python's string escapes, as Ansible decodes them in {@code key=value} words: {@code \n}, {@code \t}, {@code \\}... */
  static String decodeEscapes(String value) {
    if (value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\' || i + 1 >= value.length()) {
        out.append(c);
        continue;
      }
      char n = value.charAt(i + 1);
      String decoded = switch (n) {
        case 'n' -> "\n";
        case 't' -> "\t";
        case 'r' -> "\r";
        case '\\' -> "\\";
        case '\'' -> "'";
        case '"' -> "\"";
        case 'a' -> "\u0007";
        case 'b' -> "\b";
        case 'f' -> "\f";
        case 'v' -> "\u000b";
        case '=' -> "=";
        default -> null;
      };
      if (decoded == null) {
        out.append(c);
      } else {
        out.append(decoded);
        i++;
      }
    }
    return out.toString();
  }

  private static SourceSpan span(YScalar scalar, int offset, int width) {
    SourceSpan s = scalar.span();
    if (s.hasLine() && s.line() == s.endLine()) {
      int col = s.column() + (scalar.plain() ? 0 : 1) + offset;
      return new SourceSpan(s.file(), s.line(), col, s.line(), col + Math.max(1, width));
    }
    return SourceSpan.at(s.file(), s.line(), s.column());
  }
}
