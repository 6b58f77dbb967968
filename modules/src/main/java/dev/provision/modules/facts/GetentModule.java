package dev.provision.modules.facts;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code getent}: one read-only {@code getent DATABASE [KEY] [-s SERVICE]} on the host, its lines as
 * the fact {@code getent_DATABASE} (first field the key, the other fields its list), as Ansible's.
 * It reads only, so a plan runs it too and shows the host's real entries.
 */
public final class GetentModule implements Module {

  /** The databases whose fields are separated by ':' (the others: by whitespace), as Ansible's module. */
  private static final List<String> COLON = List.of("passwd", "shadow", "group", "gshadow");
  static final String MISSING_KEY = "One or more supplied key could not be found in the database.";

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Reads entries of a host's name service database (passwd, group, hosts, services...) with `getent`,"
          + " as the fact getent_<database>.")
      .note("Runs `getent` on the host, in a plan as in an apply (it only reads), so the plan shows the host's"
          + " real entries. Each line's first field is the key, the other fields its list: passwd, shadow, group"
          + " and gshadow split on ':', the other databases on whitespace, unless `split` says. A key found on"
          + " several lines has the list of their field lists. The fact is a host variable and is under"
          + " ansible_facts too. Never a change.")
      .param(Param.string("database").required().describedAs("the database: passwd, group, hosts, services, shadow..."))
      .param(Param.string("key").describedAs("the entry to read; default every entry (when the database can list them)"))
      .param(Param.string("split").describedAs("the field separator (text, not a pattern); default ':' or whitespace, by database"))
      .param(Param.bool("fail_key").defaultsTo(true).describedAs("fail when the key is not found; false: the key's value is null"))
      .param(Param.string("service").describedAs("the NSS service to ask (`getent -s`), e.g. files"))
      .returns("ansible_facts", "getent_<database>: the entries by key (also set as the host variable)")
      .returnsFacts()
      .example("""
          - name: root's home
            getent: {database: passwd, key: root}
          - debug: {msg: "{{ getent_passwd['root'][4] }}"}
          """)
      .build();

  /** What {@code getent} printed and its exit code (0 found, 1 bad database, 2 key not found, 3 no enumeration). */
  record Lookup(String database, String key, String service) implements Fact<Lookup.Answer> {

    /** The exit code, the output, and the error text (what a saved plan fingerprints: no timing). */
    record Answer(int rc, String stdout, String stderr) {}

    @Override
    public String key() {
      return "getent:" + database + ":" + (service == null ? "" : service) + ":" + (key == null ? "" : key);
    }

    @Override
    public String command() {
      StringBuilder cmd = new StringBuilder("getent ").append(Shell.quote(database));
      if (key != null) {
        cmd.append(' ').append(Shell.quote(key));
      }
      if (service != null) {
        cmd.append(" -s ").append(Shell.quote(service));
      }
      return cmd.toString();
    }

    @Override
    public Answer parse(CommandResult result) {
      return new Answer(result.exitCode(), result.stdout(), result.failureText());
    }

    @Override
    public String subject() {
      return "getent " + database + (key == null ? "" : " " + key);
    }
  }

  @Override
  public String name() {
    return "getent";
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
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String database = params.string("database");
    String key = params.optString("key").orElse(null);
    String split = params.optString("split").orElse(COLON.contains(database) ? ":" : null);
    if (split != null && split.isEmpty()) {
      throw new ModuleException("`split` is empty: give a separator, or leave it out");
    }
    Lookup.Answer out = host.fact(new Lookup(database, key, params.optString("service").orElse(null)));
    String fact = "getent_" + database;
    Map<String, Object> entries = new LinkedHashMap<>();
    switch (out.rc()) {
      case 0 -> {
        entries = entries(out.stdout(), split);
        return Plan.noop("read " + entries.size() + (entries.size() == 1 ? " entry" : " entries") + " of " + database,
            Map.of("ansible_facts", Map.of(fact, entries)));
      }
      case 2 -> {
        if (params.bool("fail_key")) {
          throw new ModuleException(MISSING_KEY, Map.of("msg", MISSING_KEY));
        }
        entries.put(key, null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ansible_facts", Map.of(fact, entries));
        data.put("msg", MISSING_KEY);
        return Plan.noop(MISSING_KEY, data);
      }
      case 1 -> throw failure("Missing arguments, or database unknown.");
      case 3 -> throw failure("Enumeration not supported on this database.");
      case 127 -> throw failure("Failed to find required executable \"getent\" on the host (exit 127: "
          + out.stderr() + ")");
      default -> throw failure("Unexpected failure!");
    }
  }

  private static ModuleException failure(String msg) {
    return new ModuleException(msg, Map.of("msg", msg));
  }

  /**
   * The lines as Ansible's module reads them: {@code line.split(split)} (Python's; null: runs of
   * whitespace, ends trimmed), the first field the key; a key seen again has the list of its records.
   */
  static Map<String, Object> entries(String stdout, String split) {
    Map<String, Object> entries = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : stdout.split("\n", -1)) {
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      List<String> record = fields(line, split);
      if (record.isEmpty()) {
        continue; // a blank line (Python's split of it has no key)
      }
      String name = record.get(0);
      List<String> rest = new ArrayList<>(record.subList(1, record.size()));
      Integer count = seen.get(name);
      if (count == null) {
        entries.put(name, rest);
        seen.put(name, 1);
      } else {
        if (count == 1) {
          List<Object> all = new ArrayList<>();
          all.add(entries.get(name));
          entries.put(name, all);
        }
        @SuppressWarnings("unchecked")
        List<Object> all = (List<Object>) entries.get(name);
        all.add(rest);
        seen.put(name, count + 1);
      }
    }
    return entries;
  }

  private static List<String> fields(String line, String split) {
    if (split == null) {
      String trimmed = line.strip();
      return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }
    if (line.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int at = line.indexOf(split); at >= 0; at = line.indexOf(split, from)) {
      out.add(line.substring(from, at));
      from = at + split.length();
    }
    out.add(line.substring(from));
    return out;
  }
}
