package dev.provision.modules.packages;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.Diff;
import dev.provision.module.ExecAction;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.files.FileContentFact;
import dev.provision.modules.files.FileMode;
import dev.provision.modules.files.FileWrite;
import dev.provision.modules.files.Ownership;
import dev.provision.modules.files.PlannedFiles;
import dev.provision.modules.files.RemoteFile;
import dev.provision.modules.files.RemotePath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code apt_repository}: one deb/deb-src line in the host's APT sources (one-line format), as
 * Ansible's module edits them: APT's own sources.list and sourceparts/*.list (where {@code apt-config}
 * says they are, so {@code APT_CONFIG} moves them), each line compared in its parsed form ({@link SourcesList}).
 */
public final class AptRepositoryModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Adds, enables or removes a deb/deb-src line in the host's APT sources, as Ansible's apt_repository does.")
      .note("The sources are APT's sources.list and sources.list.d/*.list, where `apt-config` finds them (so `APT_CONFIG` in the task's environment moves them, as with Ansible). Lines are compared as Ansible parses them (whitespace collapsed, a trailing # comment apart). present: a matching line anywhere, enabled or commented out, is enabled in place; else the line is appended to sources.list.d/FILENAME.list (default: the URL's host and path, non-alphanumerics as _). absent removes every enabled matching line, and a file left with no line. When anything changes, every sources file is written back in Ansible's normalised form (as Ansible's save does); `mode` applies to a file the line is appended to (default: a new file gets 0666 less the umask). update_cache runs `apt-get update` after a change.")
      .example("""
          - name: Docker's repository
            apt_repository:
              repo: deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian bookworm stable
              filename: docker
            become: true
          """)
      .param(Param.string("repo").required().describedAs("the sources line (deb or deb-src)"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present").describedAs("present or absent"))
      .param(Param.any("mode").describedAs("the mode of the file the line is appended to"))
      .param(Param.bool("update_cache").aliases("update-cache").defaultsTo(true)
          .describedAs("run apt-get update after a change"))
      .param(Param.integer("update_cache_retries").describedAs("accepted; apt-get update is run once"))
      .param(Param.integer("update_cache_retry_max_delay").describedAs("accepted; apt-get update is run once"))
      .param(Param.string("filename").describedAs("the file's name in sources.list.d, without .list (a path when it holds a /)"))
      .param(Param.bool("install_python_apt").describedAs("accepted; nothing is needed on the host but apt-config"))
      .param(Param.bool("validate_certs").describedAs("accepted; only Launchpad (ppa:) lookups fetch anything"))
      .param(Param.string("codename").describedAs("accepted; only ppa: lines use it"))
      .build();

  @Override
  public String name() {
    return "apt_repository";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("apt_repository");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** Where APT keeps its sources, and the *.list files there now. */
  record Sources(String sourceList, String sourceParts, List<String> files) {}

  static ShellFact<Sources> sourcesFact() {
    String cmd = "eval \"$(apt-config shell L Dir::Etc::sourcelist/f P Dir::Etc::sourceparts/d)\" && "
        + "printf '%s\\n' \"$L\" \"$P\" && for f in \"${P%/}\"/*.list; do [ -f \"$f\" ] && printf '%s\\n' \"$f\"; done; :";
    return new ShellFact<>("apt.sources", cmd, AptRepositoryModule::parseSources);
  }

  static Sources parseSources(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw ShellFact.failed("apt-config shell", result);
    }
    String[] lines = result.stdout().split("\n");
    if (lines.length < 2 || lines[0].isEmpty() || lines[1].isEmpty()) {
      throw new ModuleException("apt-config did not name the sources (Dir::Etc::sourcelist, Dir::Etc::sourceparts): `"
          + result.stdout().strip() + "`");
    }
    String parts = lines[1].endsWith("/") && lines[1].length() > 1 ? lines[1].substring(0, lines[1].length() - 1) : lines[1];
    List<String> files = new ArrayList<>();
    for (int i = 2; i < lines.length; i++) {
      if (!lines[i].isEmpty()) {
        files.add(lines[i]);
      }
    }
    return new Sources(lines[0], parts, files);
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String repo = params.string("repo");
    boolean present = params.stringOr("state", "present").equals("present");
    if (repo.isBlank()) {
      throw new ModuleException("Please set argument 'repo' to a non-empty value");
    }
    if (repo.strip().startsWith("ppa:")) {
      throw new ModuleException("apt_repository: ppa: repositories are not supported yet (they need Launchpad's API"
          + " and a keyserver); give the deb line and fetch its key with get_url (apt_key is not supported yet)");
    }
    SourcesList.Line line = SourcesList.repo(repo);
    if (line == null) {
      throw new ModuleException("Invalid repository string: " + SourcesList.invalidText(repo));
    }
    Sources sources = host.fact(sourcesFact());
    // every file as Ansible loads it: sources.list when it is a file, then the parts
    Map<String, RemoteFile> current = new LinkedHashMap<>();
    Map<String, SourcesList> files = new LinkedHashMap<>();
    List<String> paths = new ArrayList<>();
    paths.add(sources.sourceList());
    paths.addAll(sources.files());
    String target = null;
    if (present) {
      String name = SourcesList.suggestFilename(line.source(), params.optString("filename").orElse(null));
      target = name.contains("/") ? name : sources.sourceParts() + "/" + name;
      if (!paths.contains(target)) {
        paths.add(target);
      }
    }
    for (String path : new LinkedHashSet<>(paths)) {
      RemoteFile file = PlannedFiles.read(host, FileContentFact.whole(RemotePath.of("repo", path)), false);
      if (file.stat().isFile()) {
        current.put(path, file);
        files.put(path, SourcesList.parse(file.content()));
      }
    }
    Map<String, String> before = dump(files);
    Set<String> appended = new LinkedHashSet<>();
    if (present) {
      boolean found = false;
      for (SourcesList f : files.values()) {
        found |= f.enable(line.source());
      }
      if (!found) {
        files.computeIfAbsent(target, t -> new SourcesList()).lines.add(new SourcesList.Line(true, true, line.source(), ""));
        appended.add(target);
      }
    } else {
      files.values().forEach(f -> f.remove(line.source()));
    }
    Map<String, String> after = dump(files);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("repo", repo);
    result.put("state", present ? "present" : "absent");
    List<String> added = new ArrayList<>(after.keySet());
    added.removeAll(before.keySet());
    List<String> removed = new ArrayList<>(before.keySet());
    removed.removeAll(after.keySet());
    result.put("sources_added", added);
    result.put("sources_removed", removed);
    if (before.equals(after)) {
      return Plan.noop("the line is " + (present ? "" : "not ") + "in the APT sources as wanted", result);
    }
    // Ansible's save(): every file written back in its form, a file with no line left removed
    FileMode mode = FileMode.parse(params.raw("mode"));
    List<Diff> diffs = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    for (Map.Entry<String, SourcesList> e : files.entrySet()) {
      String path = e.getKey();
      RemoteFile old = current.get(path);
      RemotePath dest = RemotePath.of("repo", path);
      if (e.getValue().isEmpty()) {
        if (old != null) {
          diffs.add(Diff.of(path, old.content(), ""));
          actions.add(ExecAction.of("rm -f -- " + dest.shell()).describedAs("remove " + path));
        }
        continue;
      }
      byte[] content = e.getValue().text().getBytes(StandardCharsets.UTF_8);
      // Ansible creates the directory of a new file
      FileWrite write = FileWrite.of(dest, content, appended.contains(path) ? mode : null, new Ownership(null, null))
          .creatingDirectory(appended.contains(path));
      Plan one = write.plan(old == null ? new RemoteFile(dev.provision.modules.files.PathStat.absent(), null, null) : old, "write " + path, "", Map.of());
      diffs.addAll(one.diffs());
      actions.addAll(one.actions());
    }
    if (params.bool("update_cache")) {
      actions.add(AptTool.update());
    }
    result.put("diff", diffs.stream().map(d -> Map.of("before_header", d.header(), "after_header", d.header(),
        "before", d.before(), "after", d.after())).toList());
    String what = present ? (appended.isEmpty() ? "enable " : "add ") : "remove ";
    String where = present && !appended.isEmpty() ? " to " + target : "";
    return Plan.change(what + line.source() + where, diffs, actions).withResult(result);
  }

  private static Map<String, String> dump(Map<String, SourcesList> files) {
    Map<String, String> out = new LinkedHashMap<>();
    files.forEach((path, f) -> {
      if (!f.isEmpty()) {
        out.put(path, f.text());
      }
    });
    return out;
  }
}
