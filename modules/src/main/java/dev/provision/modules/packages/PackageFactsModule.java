package dev.provision.modules.packages;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code package_facts}: the installed packages as {@code ansible_facts.packages}, {name: [{name,
 * version, ...}]}, read with one command (dpkg-query and/or rpm). Read-only, so it runs in a plan too.
 */
public final class PackageFactsModule implements Module {

  private static final List<String> MANAGERS = List.of("rpm", "apt");

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Sets ansible_facts.packages to the host's installed packages (apt through dpkg-query, rpm through rpm -qa).")
      .note("One read-only command. apt packages are {name, version, arch, category, origin, source: apt} (origin is dpkg's Origin field, usually empty, where Ansible's python3-apt reads the archive's origin); rpm packages {name, version, release, epoch, arch, source: rpm}. manager auto takes the first manager found that lists packages (rpm, then apt), where Ansible's order varies between runs (a Debian host with the rpm tool may give an empty list there); strategy first stops at the first manager found, all merges them. As in Ansible, the facts are also the top-level variable packages.")
      .returns("ansible_facts", "packages: {name: [one map per installed version]}")
      .example("""
          - package_facts: {manager: auto}
          - debug: {msg: "sshd {{ ansible_facts.packages['openssh-server'][0].version }}"}
            when: "'openssh-server' in ansible_facts.packages"
          """)
      .returnsFacts()
      .param(Param.list("manager").defaultsTo(List.of("auto")).describedAs("auto, apt or rpm (a list or one name)"))
      .param(Param.string("strategy").defaultsTo("first").choices("first", "all").describedAs("first: the first manager found; all: every one"))
      .build();

  static final String COMMAND = "if command -v rpm >/dev/null 2>&1; then echo '#rpm';"
      + " rpm -qa --queryformat '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\n'; fi;"
      + " if command -v dpkg-query >/dev/null 2>&1; then echo '#apt';"
      + " dpkg-query -W -f='${db:Status-Status}\\t${Package}\\t${Version}\\t${Architecture}\\t${Section}\\t${Origin}\\n'; fi; true";

  @Override
  public String name() {
    return "package_facts";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("package_facts");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    List<String> wanted = new ArrayList<>();
    for (String m : params.strings("manager")) {
      for (String one : m.split(",")) {
        String name = one.trim().toLowerCase();
        if (name.equals("auto")) {
          wanted.addAll(MANAGERS);
        } else if (!MANAGERS.contains(name)) {
          throw new ModuleException("Unsupported package managers requested: " + name
              + " (Provision reads apt and rpm)");
        } else {
          wanted.add(name);
        }
      }
    }
    Map<String, Map<String, List<Map<String, Object>>>> found =
        host.fact(new ShellFact<>("package_facts", COMMAND, PackageFactsModule::parse));
    Map<String, List<Map<String, Object>>> packages = new LinkedHashMap<>();
    int used = 0;
    List<String> order = new ArrayList<>(wanted.stream().distinct().toList());
    if (params.strings("manager").stream().anyMatch(m -> m.trim().equalsIgnoreCase("auto"))) {
      // Ansible's auto order is a set's (it varies between runs); a tool with an empty database (rpm
      // installed on Debian) comes after one that lists packages here
      order.sort(java.util.Comparator.comparing(m -> found.getOrDefault(m, Map.of()).isEmpty()));
    }
    for (String m : order) {
      if (used > 0 && params.string("strategy").equals("first")) {
        break;
      }
      if (found.containsKey(m)) {
        used++;
        packages.putAll(found.get(m));
      }
    }
    if (used == 0) {
      throw new ModuleException("Could not detect a supported package manager from the following list: " + wanted);
    }
    // the engine keeps a fact module's facts under the host's ansible_facts too (ansible_facts.packages)
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("packages", packages);
    return Plan.noop("found " + packages.size() + " packages", Map.of("ansible_facts", facts));
  }

  /** The command's output: per manager found ("#rpm", "#apt" lines), its packages by name. */
  static Map<String, Map<String, List<Map<String, Object>>>> parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw ShellFact.failed("listing packages", result);
    }
    Map<String, Map<String, List<Map<String, Object>>>> out = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> current = null;
    String manager = null;
    for (String line : result.stdout().split("\n")) {
      if (line.equals("#rpm") || line.equals("#apt")) {
        manager = line.substring(1);
        current = out.computeIfAbsent(manager, k -> new LinkedHashMap<>());
        continue;
      }
      if (current == null || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      Map<String, Object> pkg = new LinkedHashMap<>();
      if (manager.equals("apt")) {
        if (f.length < 6 || !f[0].equals("installed")) {
          continue; // removed with its configuration kept, or half-installed: python3-apt's installed is none
        }
        pkg.put("name", f[1]);
        pkg.put("version", f[2]);
        pkg.put("arch", f[3]);
        pkg.put("category", f[4]);
        pkg.put("origin", f[5]);
      } else {
        if (f.length < 5) {
          continue;
        }
        pkg.put("name", f[0]);
        pkg.put("version", f[1]);
        pkg.put("release", f[2]);
        pkg.put("epoch", f[3].equals("(none)") ? null : Long.valueOf(f[3]));
        pkg.put("arch", f[4]);
      }
      pkg.put("source", manager);
      current.computeIfAbsent((String) pkg.get("name"), k -> new ArrayList<>()).add(pkg);
    }
    return out;
  }
}
