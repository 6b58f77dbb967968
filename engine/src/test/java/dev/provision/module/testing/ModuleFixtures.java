package dev.provision.module.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.module.Action;
import dev.provision.module.Diff;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.ModuleRegistry;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one module fixture harness (pyinfra's operation tests, as YAML): every fixture of every
 * built-in module is a file {@code modules/src/test/resources/fixtures/<module>/<case>.yaml} in this
 * one dialect, run on a {@link TestHost} whose commands go to a {@link CannedConnection}. Keys:
 *
 * <pre>
 * module:   copy                  # optional, defaults to the folder name
 * mode:     plan | apply          # the walk's mode (default plan): a plan words a change "would ..."
 * changes_pending: true           # a plan where an earlier task would change the host first
 * params:   {dest: /etc/x, ...}   # the task's arguments (or a scalar for free-form modules)
 * vars:     {...}                 # host variables; playbook_dir defaults to the fixture's folder
 * facts:    {"file.stat:/x": {stdout: "...", rc: 0, stderr: ""}}   # canned fact command output
 * replies:  [{rc: 0, stdout: ""}] # what the applied commands return, in order (default rc 0)
 * # then exactly one expectation:
 * commands: [...]                 # exact scripts the plan's actions run when applied
 * noop:     "reason"              # the plan changes nothing and says this ({fixture_dir}: this folder)
 * fails:    "substring"           # static check, bind, plan or apply fails with this text
 * # optional extras:
 * stdin:    [text or ~, ...]      # stdin of each command
 * message:  "..."                 # the plan's message, as the run reports it in that mode
 * diff:     [{header, before, after}]
 * result:   {...}                 # expected entries of the plan's result data
 * applied:  {...}                 # expected entries of the data the actions returned
 * </pre>
 *
 * Planning must not run any command (facts are served from the fixture). An unknown key (such as
 * another dialect's {@code error:}) is refused.
 */
public final class ModuleFixtures {

  private static final Set<String> KEYS = Set.of("module", "mode", "changes_pending", "params", "vars", "facts", "replies",
      "commands", "noop", "fails", "stdin", "message", "diff", "result", "applied", "description");

  private ModuleFixtures() {}

  /** Every {@code <module>/<case>.yaml} below {@code root}, sorted. */
  public static Stream<ModuleFixture> under(Path root) {
    List<ModuleFixture> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(read(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.stream();
  }

  public static ModuleFixture read(Path file) {
    Diagnostics diags = new Diagnostics();
    YNode node = YamlReader.readOne(file, diags).orElse(null);
    if (diags.hasErrors() || !(node instanceof YMap spec)) {
      throw new IllegalArgumentException("bad fixture " + file + ": " + diags.asList());
    }
    for (String key : spec.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("fixture " + file + " has unknown key " + key);
      }
    }
    String module = spec.get("module").map(n -> String.valueOf(n.toPlain()))
        .orElse(file.getParent().getFileName().toString());
    return new ModuleFixture(file, module, spec);
  }

  /** Runs one fixture, failing with what differs; returns the host, for assertions a fixture cannot state. */
  public static TestHost run(ModuleFixture fixture, ModuleRegistry registry) {
    Module module = registry.find(fixture.module())
        .orElseThrow(() -> new AssertionError("no module named " + fixture.module()));
    YMap spec = fixture.spec();
    String fails = text(spec, "fails");
    CannedConnection connection = new CannedConnection(replies(spec));
    TestHost host = new TestHost().mode(mode(spec)).vars(vars(fixture)).connection(connection);
    facts(spec).forEach(host::output);
    if (Boolean.TRUE.equals(spec.get("changes_pending").map(YNode::toPlain).orElse(false))) {
      host.afterPlannedChanges();
    }
    try {
      Params params = bind(module, spec.get("params").orElse(null));
      Plan plan = module.plan(params, host);
      assertThat(connection.scripts()).as("commands run while planning").isEmpty();
      Map<String, Object> applied = new LinkedHashMap<>();
      for (Action action : plan.actions()) {
        assertThat(action.describe()).as("action description").isNotBlank();
        applied.putAll(action.apply(host));
      }
      if (fails != null) {
        fail("expected a failure containing `%s`, but the plan was: %s", fails, plan);
      }
      check(spec, plan, mode(spec), connection.commands(), applied, fixture.file().toAbsolutePath().getParent());
    } catch (ModuleException | ConnectionException e) {
      if (fails == null) {
        throw new AssertionError("unexpected failure: " + e.getMessage(), e);
      }
      assertThat(e.getMessage()).contains(fails);
    }
    return host;
  }

  private static Params bind(Module module, YNode params) throws ModuleException {
    Diagnostics diags = module.schema().check(module.name(), params, null);
    if (diags.hasErrors()) {
      throw new ModuleException(String.join("\n", diags.asList().stream().map(Diagnostic::summary).toList()));
    }
    return module.schema().bind(module.name(), params == null ? null : params.toPlain());
  }

  private static void check(YMap spec, Plan plan, Mode mode, List<Command> commands, Map<String, Object> applied,
      java.nio.file.Path fixtureDir) {
    // {fixture_dir}: the fixture's own folder (the playbook directory of a control-node path), wherever the clone is
    String noop = text(spec, "noop") == null ? null : text(spec, "noop").replace("{fixture_dir}", fixtureDir.toString());
    if (noop != null) {
      assertThat(plan.actions()).as("actions of a noop plan").isEmpty();
      assertThat(plan.message()).as("noop reason").isEqualTo(noop);
    }
    if (spec.has("commands")) {
      assertThat(commands.stream().map(Command::script).toList()).as("commands")
          .containsExactlyElementsOf(strings(spec.get("commands").get().toPlain()));
    } else if (noop == null) {
      fail("a fixture needs `commands`, `noop` or `fails`");
    }
    if (spec.has("stdin")) {
      List<String> stdin = commands.stream()
          .map(c -> c.stdin() == null ? null : new String(c.stdin(), StandardCharsets.UTF_8)).toList();
      assertThat(stdin).as("stdin").containsExactlyElementsOf(strings(spec.get("stdin").get().toPlain()));
    }
    String message = text(spec, "message");
    if (message != null) {
      assertThat(plan.reported(mode == Mode.APPLY)).as("plan message").isEqualTo(message);
    }
    if (spec.has("diff")) {
      List<Map<String, Object>> diffs = new ArrayList<>();
      for (Diff d : plan.diffs()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("header", d.header());
        m.put("before", d.before());
        m.put("after", d.after());
        diffs.add(m);
      }
      assertThat(diffs).as("diffs").isEqualTo(spec.get("diff").get().toPlain());
    }
    if (spec.has("result")) {
      assertThat(normalized(plan.result())).as("plan result").containsAllEntriesOf(map(spec, "result"));
    }
    if (spec.has("applied")) {
      assertThat(normalized(applied)).as("data returned by the actions").containsAllEntriesOf(map(spec, "applied"));
    }
  }

  /** Integers as Long, as YAML reads them, so {@code rc: 0} matches an int 0. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> normalized(Map<String, Object> data) {
    return (Map<String, Object>) normalize(data);
  }

  private static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(ModuleFixtures::normalize).toList();
    }
    return value;
  }

  private static Mode mode(YMap spec) {
    String mode = text(spec, "mode");
    return mode == null ? Mode.PLAN : Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
  }

  private static Map<String, Object> vars(ModuleFixture fixture) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("playbook_dir", fixture.file().toAbsolutePath().getParent().toString());
    vars.putAll(map(fixture.spec(), "vars"));
    return vars;
  }

  private static Map<String, CommandResult> facts(YMap spec) {
    Map<String, CommandResult> out = new LinkedHashMap<>();
    map(spec, "facts").forEach((key, value) -> out.put(key, result(value)));
    return out;
  }

  private static List<CommandResult> replies(YMap spec) {
    List<CommandResult> out = new ArrayList<>();
    spec.get("replies").ifPresent(n -> ((List<?>) n.toPlain()).forEach(r -> out.add(result(r))));
    return out;
  }

  private static CommandResult result(Object value) {
    Map<?, ?> m = value instanceof Map<?, ?> map ? map : Map.of("stdout", String.valueOf(value));
    Object rc = m.get("rc");
    return new CommandResult(rc == null ? 0 : ((Number) rc).intValue(), str(m.get("stdout")), str(m.get("stderr")),
        Duration.ZERO);
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(YMap spec, String key) {
    return spec.get(key).map(n -> (Map<String, Object>) n.toPlain()).orElse(Map.of());
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(o == null ? null : String.valueOf(o));
    }
    return out;
  }

  private static String text(YMap spec, String key) {
    return spec.get(key).map(n -> n.toPlain() == null ? null : String.valueOf(n.toPlain())).orElse(null);
  }
}
