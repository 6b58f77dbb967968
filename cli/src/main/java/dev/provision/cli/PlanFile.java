package dev.provision.cli;

import dev.provision.event.Recap;
import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.json.Json;
import dev.provision.module.Diff;
import dev.provision.run.PlannedNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A saved plan ({@code --plan --out FILE}), schema in docs/saved-plans.md: what was planned and the
 * options it was planned with, the inputs' digests, each node's result and the fingerprints of what
 * it read. JSON, written by {@code json.Json}; nothing in it is a secret in clear text (the results
 * are redacted, reads and extra variables are digests).
 */
record PlanFile(String id, String created, Path playbook, Path inventory, Options options, PlanInputs inputs,
    List<PlannedNode> nodes, Recap recap) {

  static final int SCHEMA_VERSION = 1;

  /** The run's options a saved plan fixes: the apply walks the same selection. */
  record Options(String limit, List<String> tags, List<String> skipTags, int forks, boolean diff,
      List<String> extraVars, List<String> secretVars) {}

  List<PlannedNode> knownAfterApply() {
    return nodes.stream().filter(PlannedNode::knownAfterApply).toList();
  }

  /** The nodes whose plan failed or could not reach their host: such a plan is shown, never applied. */
  List<PlannedNode> failed() {
    return nodes.stream().filter(n -> n.result().status() == Status.FAILED || n.result().status() == Status.UNREACHABLE)
        .toList();
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schema_version", SCHEMA_VERSION);
    out.put("format", "provision-plan");
    out.put("id", id);
    out.put("created", created);
    out.put("playbook", playbook.toString());
    out.put("inventory", inventory.toString());
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("limit", options.limit());
    o.put("tags", options.tags());
    o.put("skip_tags", options.skipTags());
    o.put("forks", options.forks());
    o.put("diff", options.diff());
    o.put("extra_vars", options.extraVars());
    o.put("secret_vars", options.secretVars());
    out.put("options", o);
    out.put("inputs", inputs.toJson());
    out.put("known_after_apply", knownAfterApply().stream().map(PlannedNode::id).toList());
    out.put("predicted", nodes.stream().filter(n -> n.predicted() && !n.knownAfterApply()).map(PlannedNode::id).toList());
    List<Object> recapJson = new ArrayList<>();
    for (Recap.HostRecap h : recap.hosts()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("host", h.host());
      r.put("ok", h.ok());
      r.put("changed", h.changed());
      r.put("failed", h.failed());
      r.put("skipped", h.skipped());
      r.put("unreachable", h.unreachable());
      r.put("deferred", h.deferred());
      r.put("rescued", h.rescued());
      r.put("ignored", h.ignored());
      recapJson.add(r);
    }
    out.put("recap", recapJson);
    out.put("nodes", nodes.stream().map(PlanFile::nodeJson).toList());
    return out;
  }

  private static Map<String, Object> nodeJson(PlannedNode n) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", n.id());
    out.put("play", n.play());
    out.put("task", n.task());
    out.put("host", n.host());
    out.put("status", n.result().status().name().toLowerCase(Locale.ROOT));
    out.put("message", n.result().message());
    out.put("known_after_apply", n.knownAfterApply());
    out.put("predicted", n.predicted());
    out.put("actions", n.result().actions());
    if (n.diff() != null) {
      out.put("diff", n.diff()); // the task's `diff` keyword: `provision show` shows a `diff: true` task's diffs
    }
    if (!n.hiddenActions().isEmpty()) {
      out.put("hidden_actions", n.hiddenActions()); // no_log: fingerprints only, for the apply to compare
    }
    out.put("diffs", n.result().diffs().stream().map(d -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("header", d.header());
      m.put("before", d.before());
      m.put("after", d.after());
      return m;
    }).toList());
    out.put("reads", n.reads().stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", r.key());
      m.put("subject", r.subject());
      m.put("fingerprint", r.fingerprint());
      m.put("checked", r.checked());
      return m;
    }).toList());
    return out;
  }

  void write(Path file) throws IOException {
    Files.writeString(file, Json.pretty(toJson(), 2) + "\n", StandardCharsets.UTF_8);
  }

  /** The SHA-256 of the file as saved, which marks it applied. */
  static String digest(Path file) {
    return PlanInputs.sha256(file);
  }

  @SuppressWarnings("unchecked")
  static PlanFile read(Path file) {
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CliErrors.UserError("cannot read the plan " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw new CliErrors.UserError(file + " is not a saved plan (not JSON: " + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (!(doc instanceof Map<?, ?> map) || !"provision-plan".equals(map.get("format"))) {
      throw new CliErrors.UserError(file + " is not a saved plan: write one with `provision PLAYBOOK -i INV --plan --out "
          + file + "`");
    }
    Object version = map.get("schema_version");
    if (!(version instanceof Number n) || n.intValue() != SCHEMA_VERSION) {
      throw new CliErrors.UserError(file + " has plan schema_version " + version + "; this Provision reads version "
          + SCHEMA_VERSION + ": make the plan again");
    }
    Map<String, Object> json = (Map<String, Object>) map;
    try {
      Map<String, Object> o = (Map<String, Object>) json.get("options");
      Options options = new Options((String) o.get("limit"), strings(o.get("tags")), strings(o.get("skip_tags")),
          ((Number) o.get("forks")).intValue(), Boolean.TRUE.equals(o.get("diff")), strings(o.get("extra_vars")),
          strings(o.get("secret_vars")));
      List<PlannedNode> nodes = new ArrayList<>();
      for (Object x : (List<Object>) json.get("nodes")) {
        nodes.add(node((Map<String, Object>) x));
      }
      List<Recap.HostRecap> hosts = new ArrayList<>();
      for (Object x : (List<Object>) json.get("recap")) {
        Map<String, Object> r = (Map<String, Object>) x;
        hosts.add(new Recap.HostRecap((String) r.get("host"), i(r, "ok"), i(r, "changed"), i(r, "failed"), i(r, "skipped"),
            i(r, "unreachable"), i(r, "deferred"), i(r, "rescued"), i(r, "ignored")));
      }
      return new PlanFile((String) json.get("id"), (String) json.get("created"), Path.of((String) json.get("playbook")),
          Path.of((String) json.get("inventory")), options, PlanInputs.fromJson((Map<String, Object>) json.get("inputs")),
          nodes, new Recap(hosts));
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new CliErrors.UserError(file + " is a damaged saved plan (" + e.getMessage() + "): make the plan again");
    }
  }

  @SuppressWarnings("unchecked")
  private static PlannedNode node(Map<String, Object> n) {
    List<Diff> diffs = new ArrayList<>();
    for (Object d : (List<Object>) n.get("diffs")) {
      Map<String, Object> m = (Map<String, Object>) d;
      diffs.add(Diff.of((String) m.get("header"), (String) m.get("before"), (String) m.get("after")));
    }
    List<PlannedNode.Read> reads = new ArrayList<>();
    for (Object r : (List<Object>) n.get("reads")) {
      Map<String, Object> m = (Map<String, Object>) r;
      reads.add(new PlannedNode.Read((String) m.get("key"), (String) m.get("subject"), (String) m.get("fingerprint"),
          Boolean.TRUE.equals(m.get("checked"))));
    }
    Status status = Status.valueOf(((String) n.get("status")).toUpperCase(Locale.ROOT));
    TaskResult result = new TaskResult(status, (String) n.get("message"), diffs, strings(n.get("actions")), Map.of(),
        Duration.ZERO);
    return new PlannedNode((String) n.get("id"), (String) n.get("play"), (String) n.get("task"), (String) n.get("host"),
        result, reads, strings(n.get("hidden_actions")), (Boolean) n.get("diff"));
  }

  private static List<String> strings(Object list) {
    return list == null ? List.of() : ((List<?>) list).stream().map(String::valueOf).toList();
  }

  private static int i(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).intValue();
  }

  static String now() {
    return Instant.now().toString();
  }
}
