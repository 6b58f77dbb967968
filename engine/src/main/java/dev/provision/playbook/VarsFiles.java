package dev.provision.playbook;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import dev.provision.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A play's {@code vars_files} and {@code secret_vars}, read when the playbook is loaded so that a
 * missing file or a YAML error in one is reported with every other problem, before any host.
 *
 * <p>{@code vars_files} lists YAML files of variables (relative to the playbook), as in Ansible.
 * {@code secret_vars} lists such files whose every value is secret, and variable names whose values
 * are secret wherever they are defined (inventory, vars, extra vars): an item that names a file
 * ({@code .yaml}, {@code .yml}, {@code .json} or a path with {@code /}) is a file, any other item is a
 * variable name.
 */
final class VarsFiles {

  /** What the two keywords add to a play: variables (files later in the list win) and secret names. */
  record Loaded(Map<String, Object> vars, Set<String> secretNames) {}

  private static final Pattern FILE = Pattern.compile(".*(\\.ya?ml|\\.json)$|.*/.*");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Path baseDir;
  private final Diagnostics out;
  private final Keywords keywords;

  VarsFiles(Path baseDir, Diagnostics out) {
    this.baseDir = baseDir;
    this.out = out;
    this.keywords = new Keywords(out);
  }

  Loaded read(YMap play) {
    Map<String, Object> vars = new LinkedHashMap<>();
    Set<String> secret = new LinkedHashSet<>();
    play.get("vars_files").ifPresent(node -> items("vars_files", node, item -> load(item, vars, null)));
    play.get("secret_vars").ifPresent(node -> items("secret_vars", node, item -> {
      if (FILE.matcher(item.text()).matches()) {
        load(item, vars, secret);
      } else if (IDENTIFIER.matcher(item.text()).matches()) {
        secret.add(item.text());
      } else {
        out.error(item.span(), "`" + item.text() + "` is neither a vars file nor a variable name",
            "list files ending in .yaml, .yml or .json (relative to the playbook), or variable names");
      }
    }));
    return new Loaded(vars, secret);
  }

  private void items(String key, YNode node, java.util.function.Consumer<YScalar> each) {
    if (node instanceof YScalar s && s.isNull()) {
      return;
    }
    if (!(node instanceof YSeq seq)) {
      out.error(node.span(), "`" + key + "` must be a list, not " + node.kind(),
          "write `" + key + ": [vars/lab.yaml]`, one item per line");
      return;
    }
    for (YNode item : seq.items()) {
      if (item instanceof YScalar s && !s.isNull() && !s.text().isBlank()) {
        if (Keywords.templated(s)) {
          out.error(s.span(), "`" + key + "` items are read before any host, so they cannot be templates",
              "write the path literally, relative to the playbook");
        } else {
          each.accept(s);
        }
      } else {
        out.error(item.span(), "each item of `" + key + "` must be a path or a name, not " + item.kind(), null);
      }
    }
  }

  /** Loads one file into {@code vars}; its names become secret when {@code secret} is given. */
  private void load(YScalar item, Map<String, Object> vars, Set<String> secret) {
    Path file = baseDir.resolve(item.text()).normalize();
    if (!Files.isRegularFile(file)) {
      out.error(item.span(), "vars file `" + item.text() + "` not found",
          "paths are relative to the playbook's directory (" + (baseDir.toString().isEmpty() ? "." : baseDir)
              + "); create the file or fix the path");
      return;
    }
    YamlReader.readOne(file, out).ifPresent(doc -> {
      if (doc instanceof YMap map) {
        Map<String, Object> values = keywords.vars(item.text(), map);
        vars.putAll(values);
        if (secret != null) {
          secret.addAll(values.keySet());
        }
      } else if (!(doc instanceof YScalar s && s.isNull())) {
        out.add(Diagnostic.error(doc.span(), "a vars file must be a mapping of names to values, not " + doc.kind(),
            "write `name: value` lines"));
      }
    });
  }
}
