package dev.provision.modules.facts;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.Glob;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.module.FactGathering;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code setup} as a task: the same one-command fact gathering as a play's {@code gather_facts}
 * ({@link FactGathering}), its facts set as host variables; {@code filter} keeps the names matching its globs.
 */
public final class SetupModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Gathers the host's facts as a task (as gather_facts does) and sets them as host variables; filter keeps some.")
      .note("One read-only command, the one gather_facts runs: the same facts, under Ansible's names (ansible_distribution, ansible_facts.distribution...). filter keeps the facts whose ansible_ name matches one of its globs (ansible_eth*, ansible_*_mb). gather_subset is accepted, and every fact Provision knows is gathered whatever it says; gather_timeout and fact_path are accepted and not used. With filter, the ansible_* variables of the kept facts are set and the ansible_facts map is left as it was.")
      .returns("ansible_facts", "the facts gathered (also set as host variables)")
      .example("""
          - name: facts again, after the network changed
            setup: {filter: ["ansible_default_ipv4", "ansible_all_ipv4_addresses"]}
          """)
      .returnsFacts()
      .param(Param.list("gather_subset").defaultsTo(List.of("all")).describedAs("accepted; every fact Provision knows is gathered"))
      .param(Param.list("filter").defaultsTo(List.of()).describedAs("globs of fact names (ansible_*) to keep; default all"))
      .param(Param.integer("gather_timeout").defaultsTo(10L).describedAs("accepted; the task's timeout applies"))
      .param(Param.string("fact_path").defaultsTo("/etc/ansible/facts.d").describedAs("accepted; local facts are not read (ansible_local is empty)"))
      .build();

  /** The gathering command; its output changes every second (uptime, date), so a saved plan keeps none of it. */
  record Gathered() implements Fact<Map<String, Object>> {
    @Override
    public String key() {
      return "setup";
    }

    @Override
    public String command() {
      return FactGathering.find().command();
    }

    @Override
    public Map<String, Object> parse(CommandResult result) throws ModuleException {
      if (!result.succeeded()) {
        throw new ModuleException("gathering facts failed (exit " + result.exitCode() + "): " + result.failureText());
      }
      return FactGathering.find().parse(result.stdout());
    }

    @Override
    public String fingerprint(Map<String, Object> value) {
      return "gathered";
    }
  }

  @Override
  public String name() {
    return "setup";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("setup");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    Map<String, Object> all = host.fact(new Gathered());
    List<Pattern> filters = new ArrayList<>();
    for (String f : params.strings("filter")) {
      filters.add(Pattern.compile(Glob.toRegex(f)));
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    Map<String, Object> bare = new LinkedHashMap<>();
    Map<String, Object> unprefixed = (Map<String, Object>) all.getOrDefault("ansible_facts", Map.of());
    for (Map.Entry<String, Object> e : unprefixed.entrySet()) {
      String name = "ansible_" + e.getKey();
      if (filters.isEmpty() || filters.stream().anyMatch(p -> p.matcher(name).matches())) {
        facts.put(name, e.getValue());
        bare.put(e.getKey(), e.getValue());
      }
    }
    Map<String, Object> set = new LinkedHashMap<>(facts);
    if (filters.isEmpty()) {
      // all of them: ansible_facts is gathered anew; a filtered few leave the rest of it as it was
      set.put("ansible_facts", bare);
    }
    return Plan.noop("gathered " + facts.size() + " facts", Map.of("ansible_facts", set));
  }
}
