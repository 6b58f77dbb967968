package dev.provision.modules.facts;

import dev.provision.diag.Diagnostics;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code include_vars}: variables from YAML or JSON files of the control node, for the host's tasks
 * that follow, as Ansible's: a relative {@code file} or {@code dir} is looked up in the role's
 * {@code vars/} and the role's folder (inside a role), then in the playbook's {@code vars/} and
 * folder; a {@code dir}'s files are read in name order, those of sub-folders down to {@code depth}.
 * Values may hold templates, rendered where they are used. Never a change.
 */
public final class IncludeVarsModule implements Module {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Loads variables from YAML or JSON files of the control node.")
      .note("The variables are the host's from this task on, above task vars and below set_fact and register"
          + " (Ansible's precedence). A relative file is looked up in role_path/vars/, role_path/,"
          + " playbook_dir/vars/ and playbook_dir/; a relative dir in role_path/vars/ (inside a role) or playbook_dir/. Ansible's hash_behaviour is not read. Read on the control"
          + " node, in --plan too, as Ansible does in check mode.")
      .param(Param.string("file").describedAs("a YAML or JSON file of variables"))
      .param(Param.string("dir").describedAs("a folder whose files are read in name order"))
      .param(Param.string("name").describedAs("put the variables under this one variable instead"))
      .param(Param.string("files_matching").describedAs("with dir: only files whose name matches this regular expression"))
      .param(Param.list("ignore_files").describedAs("with dir: file names (regular expressions) to leave out"))
      .param(Param.list("extensions").describedAs("with dir: the extensions read; default yaml, yml, json"))
      .param(Param.integer("depth").defaultsTo(0L).describedAs("with dir: how deep to read sub-folders; 0 is all"))
      .param(Param.bool("ignore_unknown_extensions").defaultsTo(false)
          .describedAs("with dir: skip files of other extensions instead of failing"))
      .freeForm("file")
      .mutuallyExclusive("file", "dir")
      .requiredOneOf("file", "dir")
      .returns("ansible_facts", "the variables loaded")
      .returns("ansible_included_var_files", "the files read")
      .example("""
              - include_vars: vars/{{ ansible_os_family }}.yml
              - include_vars: {dir: vars/common, name: common}
              """)
      .includesVars()
      .build();

  @Override
  public String name() {
    return "include_vars";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin(name());
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException {
    Map<String, Object> vars = host.vars();
    List<Path> files = new ArrayList<>();
    if (params.has("file")) {
      files.add(find(params.string("file"), vars, false));
    } else {
      Path dir = folder(params.string("dir"), vars);
      files.addAll(inDir(dir, params));
    }
    Map<String, Object> loaded = new LinkedHashMap<>();
    for (Path f : files) {
      loaded.putAll(read(f));
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    if (params.has("name")) {
      String name = params.string("name");
      if (!NAME.matcher(name).matches()) {
        throw new ModuleException("`" + name + "` is not a valid variable name for `name`");
      }
      facts.put(name, loaded);
    } else {
      facts.putAll(loaded);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("ansible_facts", facts);
    result.put("ansible_included_var_files", files.stream().map(Path::toString).toList());
    String what = params.has("file") ? params.string("file")
        : files.size() + (files.size() == 1 ? " file of " : " files of ") + params.string("dir");
    return Plan.noop("included " + (facts.isEmpty() ? "no variables" : String.join(", ", facts.keySet())) + " from "
        + what, result);
  }

  /** Ansible's search for a relative name: the role's vars/ and folder, then the playbook's vars/ and folder. */
  private static Path find(String given, Map<String, Object> vars, boolean dir) throws ModuleException {
    Path p = Path.of(given);
    List<Path> candidates = new ArrayList<>();
    if (p.isAbsolute()) {
      candidates.add(p);
    } else {
      Object role = vars.get("role_path");
      if (role != null) {
        candidates.add(Path.of(String.valueOf(role)).resolve("vars").resolve(p));
        candidates.add(Path.of(String.valueOf(role)).resolve(p));
      }
      Path base = Path.of(String.valueOf(vars.getOrDefault("playbook_dir", ".")));
      candidates.add(base.resolve("vars").resolve(p));
      candidates.add(base.resolve(p));
    }
    for (Path c : candidates) {
      if (dir ? Files.isDirectory(c) : Files.isRegularFile(c)) {
        return c.normalize();
      }
    }
    throw new ModuleException((dir ? "folder `" : "file `") + given + "` not found on the control node (looked at "
        + String.join(", ", candidates.stream().map(Path::toString).toList()) + ")");
  }

  /**
   * A {@code dir} as Ansible's finds it: in a role, in the role's {@code vars/} (a name that starts
   * with {@code vars/}: in the role's folder); elsewhere, in the playbook's folder.
   */
  private static Path folder(String given, Map<String, Object> vars) throws ModuleException {
    Path p = Path.of(given);
    Object role = vars.get("role_path");
    Path dir;
    if (p.isAbsolute()) {
      dir = p;
    } else if (role != null) {
      Path rolePath = Path.of(String.valueOf(role));
      dir = given.startsWith("vars/") && Files.isDirectory(rolePath.resolve(p)) ? rolePath.resolve(p)
          : rolePath.resolve("vars").resolve(p);
    } else {
      dir = Path.of(String.valueOf(vars.getOrDefault("playbook_dir", "."))).resolve(p);
    }
    if (!Files.isDirectory(dir)) {
      throw new ModuleException(dir.normalize() + " directory does not exist");
    }
    return dir.normalize();
  }

  private static List<Path> inDir(Path dir, Params params) throws ModuleException {
    List<String> extensions = params.has("extensions") ? params.strings("extensions") : List.of("yaml", "yml", "json");
    List<Pattern> ignore = params.has("ignore_files")
        ? params.strings("ignore_files").stream().map(i -> Pattern.compile(i + "$")).toList() : List.of();
    Pattern matching = params.has("files_matching") ? Pattern.compile(params.string("files_matching")) : null;
    long depth = params.integer("depth");
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir, depth <= 0 ? Integer.MAX_VALUE : (int) depth)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = f.getFileName().toString();
        if (ignore.stream().anyMatch(i -> i.matcher(name).find()) || matching != null && !matching.matcher(name).find()) {
          continue;
        }
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (!extensions.contains(ext)) {
          if (params.bool("ignore_unknown_extensions")) {
            continue;
          }
          throw new ModuleException(f + " does not have a valid extension: " + String.join(", ", extensions));
        }
        out.add(f);
      }
    } catch (IOException e) {
      throw new ModuleException("cannot read folder " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** A vars file as the playbook's are read (YAML 1.1 booleans, as Ansible's); an empty one holds nothing. */
  private static Map<String, Object> read(Path file) throws ModuleException {
    Diagnostics problems = new Diagnostics();
    List<YNode> docs = YamlReader.readAll(file, problems);
    if (problems.hasErrors()) {
      throw new ModuleException("cannot read " + file + ": " + problems.asList().get(0).summary() + " (line "
          + problems.asList().get(0).span().line() + ")");
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    if (docs.isEmpty() || docs.get(0) instanceof YScalar s && s.isNull()) {
      return vars;
    }
    if (!(docs.get(0) instanceof YMap map)) {
      throw new ModuleException(file + " must be a mapping of variable names to values, not " + docs.get(0).kind());
    }
    for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
      if (!NAME.matcher(e.getKey()).matches()) {
        throw new ModuleException("`" + e.getKey() + "` in " + file + " is not a valid variable name");
      }
      vars.put(e.getKey(), e.getValue().toPlain());
    }
    return vars;
  }
}
