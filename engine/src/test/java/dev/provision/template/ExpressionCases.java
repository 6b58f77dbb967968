package dev.provision.template;

import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The expression tables of {@code src/test/resources/expressions}: each {@code NAME.yaml} holds
 * {@code vars} and {@code cases} (an expression, or a mapping with {@code expr} and either
 * {@code refused}: words Provision's refusal must hold, {@code fails}: words of the error Provision
 * gives at run time where Ansible gives a value (a known gap, listed in docs/playbooks.md), or
 * {@code differs}: Provision's value where it differs from Ansible on purpose, with {@code why}); {@code NAME.expected.json} holds what Ansible
 * 2.14 gives for each expression, written by {@code ansible_oracle.py}.
 */
final class ExpressionCases {

  static final Path DIR = Path.of("src/test/resources/expressions");

  /** One case of a table, with Ansible's result: {@code value} and {@code type}, or {@code error}. */
  record Case(String file, String expression, String refused, String fails, Object differs, boolean hasDiffers,
      Map<String, Object> vars, Map<String, Object> ansible) {

    boolean ansibleFails() {
      return ansible != null && ansible.containsKey("error");
    }

    @Override
    public String toString() {
      return file + ": " + expression;
    }
  }

  private ExpressionCases() {}

  static List<Path> tables() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path expectedFile(Path table) {
    String name = table.getFileName().toString();
    return table.resolveSibling(name.substring(0, name.length() - ".yaml".length()) + ".expected.json");
  }

  @SuppressWarnings("unchecked")
  static List<Case> read(Path table) {
    Map<String, Object> spec = (Map<String, Object>) plain(table);
    Path expectedFile = expectedFile(table);
    Map<String, Object> expected = Files.exists(expectedFile) ? (Map<String, Object>) plain(expectedFile) : Map.of();
    Map<String, Object> vars = spec.get("vars") == null ? Map.of() : (Map<String, Object>) spec.get("vars");
    List<Case> out = new ArrayList<>();
    for (Object item : (List<Object>) spec.get("cases")) {
      Map<String, Object> c = item instanceof String s ? Map.of("expr", s) : (Map<String, Object>) item;
      String expr = (String) c.get("expr");
      out.add(new Case(table.getFileName().toString(), expr, (String) c.get("refused"), (String) c.get("fails"),
          c.get("differs"),
          c.containsKey("differs"), new LinkedHashMap<>(vars), (Map<String, Object>) expected.get(expr)));
    }
    return out;
  }

  static Object plain(Path file) {
    try {
      return plain(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** YAML (or JSON) text as plain values. */
  static Object plain(String label, String text) {
    Diagnostics d = new Diagnostics();
    List<YNode> docs = YamlReader.readAll(label, text, d);
    if (d.hasErrors() || docs.size() != 1) {
      throw new IllegalStateException("cannot read " + label + ": " + d.asList());
    }
    return docs.get(0).toPlain();
  }
}
