package dev.provision.inventory;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.DiagnosticsException;
import dev.provision.diag.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads an Ansible inventory: a YAML or INI file, or a directory of them, with group_vars/ and
 * host_vars/ beside the file (or inside the directory). Format detection follows Ansible's plugin
 * order: a file with no extension or .yml/.yaml/.json is YAML when it parses as a mapping, else
 * INI; any other extension is INI. A directory loads its files sorted, recursively, skipping
 * hidden files, group_vars/, host_vars/ and Ansible's ignored extensions (.ini among them).
 */
public final class InventoryLoader {

  /** Ansible's IGNORED_ALWAYS plus INVENTORY_IGNORE_EXTS defaults, for directory entries. */
  private static final Pattern IGNORED =
      Pattern.compile("^\\.|^host_vars$|^group_vars$|^vars_plugins$"
          + "|(\\.pyc|\\.pyo|\\.swp|\\.bak|~|\\.rpm|\\.md|\\.txt|\\.rst|\\.orig|\\.ini|\\.cfg|\\.retry)$");
  private static final List<String> YAML_EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

  /**
   * Reads the inventory at {@code path}.
   *
   * @throws DiagnosticsException with every problem found (missing path, syntax, undefined child
   *     group, bad host range ...), each with file:line:column and a hint
   */
  public Inventory load(Path path) throws DiagnosticsException {
    return load(path, null);
  }

  /**
   * Reads the inventory at {@code path}, with the group_vars/ and host_vars/ beside the playbook in
   * {@code playbookDir} (may be null) over the inventory's own, as Ansible's precedence puts them.
   */
  public Inventory load(Path path, Path playbookDir) throws DiagnosticsException {
    Diagnostics diagnostics = new Diagnostics();
    if (!Files.exists(path)) {
      diagnostics.error(
          SourceSpan.file(path.toString()),
          "file not found: no inventory at " + path,
          "check the -i path; it must be an inventory file (YAML or INI) or a directory of them");
      throw new DiagnosticsException(diagnostics);
    }
    InventoryBuilder builder = new InventoryBuilder();
    if (Files.isDirectory(path)) {
      directory(path, builder, diagnostics);
    } else {
      file(path, builder, diagnostics);
    }
    diagnostics.throwIfErrors();
    builder.reconcile();
    Path base = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    Inventory inventory = new InventoryVars(builder, base, playbookDir, diagnostics).build();
    diagnostics.throwIfErrors();
    return inventory;
  }

  private void directory(Path dir, InventoryBuilder builder, Diagnostics diagnostics) {
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
    } catch (IOException e) {
      diagnostics.error(SourceSpan.file(dir.toString()), "cannot list inventory directory: " + e.getMessage(), null);
      return;
    }
    for (Path entry : entries) {
      if (IGNORED.matcher(entry.getFileName().toString()).find()) {
        continue;
      }
      if (Files.isDirectory(entry)) {
        directory(entry, builder, diagnostics);
      } else {
        file(entry, builder, diagnostics);
      }
    }
  }

  private void file(Path file, InventoryBuilder builder, Diagnostics diagnostics) {
    String label = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      diagnostics.error(SourceSpan.file(label), "cannot read inventory file: " + e.getMessage(), null);
      return;
    }
    String ext = VarsDirectoryLoader.extension(file.getFileName().toString());
    if (text.startsWith("#!") && Files.isExecutable(file)) {
      diagnostics.error(SourceSpan.at(label, 1, 1), "dynamic inventory scripts are not supported", "save the script's --list output as a YAML inventory");
      return;
    }
    if (ext.equals(".toml")) {
      diagnostics.error(SourceSpan.file(label), "TOML inventories are not supported", "convert it to YAML or INI");
      return;
    }
    if (!YAML_EXTENSIONS.contains(ext)) {
      new IniInventoryParser(builder, diagnostics, label).parse(text.lines().toList());
      return;
    }
    Diagnostics yamlProblems = new Diagnostics();
    List<dev.provision.yaml.YNode> docs = dev.provision.yaml.YamlReader.readAll(label, text, yamlProblems);
    boolean yamlOk = !yamlProblems.hasErrors() && docs.size() == 1;
    if (yamlOk && docs.get(0) instanceof dev.provision.yaml.YMap map && !map.entries().isEmpty()) {
      diagnostics.addAll(yamlProblems);
      new YamlInventoryParser(builder, diagnostics).parse(map);
      return;
    }
    // not a YAML mapping: Ansible's yaml plugin declines and the ini plugin takes the file
    Diagnostics iniProblems = new Diagnostics();
    new IniInventoryParser(builder, iniProblems, label).parse(text.lines().toList());
    if (!iniProblems.hasErrors() || !meantAsYaml(ext, text, yamlProblems)) {
      diagnostics.addAll(iniProblems);
    } else if (yamlProblems.hasErrors()) {
      diagnostics.addAll(yamlProblems);
    } else if (docs.size() > 1) {
      diagnostics.error(docs.get(1).span(), "a YAML inventory holds one document", "remove the extra `---` document");
    } else {
      new YamlInventoryParser(builder, diagnostics).parse(docs.get(0)); // reports the wrong shape
    }
  }

  /** Whose errors to show when neither format fits: a YAML extension, or a first line like `all:`. */
  private static boolean meantAsYaml(String ext, String text, Diagnostics yamlProblems) {
    if (!ext.isEmpty()) {
      return true;
    }
    String first = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElse("");
    return yamlProblems.hasErrors() && (first.endsWith(":") || first.equals("---"));
  }
}
