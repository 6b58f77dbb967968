package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.DiagnosticsException;
import dev.provision.diag.SourceSpan;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -e} values, as Ansible takes them: {@code key=value} words (strings), {@code @file.yaml}
 * (a YAML or JSON mapping), or an inline YAML/JSON mapping. Later values win. Values read from a
 * file whose name starts with {@code secret} or {@code vault}, or given with {@code --secrets}, are
 * secret: their names are returned so the engine redacts them.
 */
final class ExtraVars {

  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Set<String> secretNames = new LinkedHashSet<>();

  static ExtraVars parse(List<String> args, List<Path> secretFiles) throws DiagnosticsException {
    ExtraVars vars = new ExtraVars();
    Diagnostics diagnostics = new Diagnostics();
    for (String arg : args) {
      vars.add(arg, diagnostics);
    }
    for (Path file : secretFiles) {
      vars.addFile(file, true, diagnostics);
    }
    diagnostics.throwIfErrors();
    return vars;
  }

  Map<String, Object> values() {
    return values;
  }

  Set<String> secretNames() {
    return secretNames;
  }

  private void add(String arg, Diagnostics diagnostics) {
    String text = arg.strip();
    if (text.startsWith("@")) {
      Path file = Path.of(text.substring(1));
      String name = file.getFileName() == null ? "" : file.getFileName().toString();
      addFile(file, name.startsWith("secret") || name.startsWith("vault"), diagnostics);
    } else if (text.startsWith("{")) {
      List<YNode> docs = YamlReader.readAll("-e " + text, text, diagnostics);
      if (!docs.isEmpty()) {
        putMapping(docs.get(0), false, "-e", diagnostics);
      }
    } else {
      for (String word : words(text)) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
          diagnostics.add(Diagnostic.error(SourceSpan.file("-e " + arg),
              "extra variable `" + word + "` is not key=value",
              "write -e name=value, -e @vars.yaml or -e '{\"name\": \"value\"}'"));
          continue;
        }
        values.put(word.substring(0, eq), word.substring(eq + 1));
      }
    }
  }

  private void addFile(Path file, boolean secret, Diagnostics diagnostics) {
    YamlReader.readOne(file, diagnostics).ifPresent(doc -> putMapping(doc, secret, file.toString(), diagnostics));
  }

  private void putMapping(YNode doc, boolean secret, String where, Diagnostics diagnostics) {
    if (!(doc instanceof YMap map)) {
      diagnostics.add(Diagnostic.error(doc.span(), "extra variables must be a mapping, not " + doc.kind(),
          "write `name: value` lines (" + where + ")"));
      return;
    }
    map.entries().forEach((k, v) -> {
      values.put(k, v.toPlain());
      if (secret) {
        secretNames.add(k);
      }
    });
  }

  /** Splits on spaces outside quotes, like the shell-style splitting Ansible applies to -e. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (current.length() > 0 || any) {
          out.add(current.toString());
          current.setLength(0);
          any = false;
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0 || any) {
      out.add(current.toString());
    }
    return out;
  }
}
