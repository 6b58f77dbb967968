package dev.provision.run;

import dev.provision.connection.CommandResult;
import dev.provision.connection.Shell;
import dev.provision.module.Diff;
import dev.provision.module.ExecAction;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.ModuleRegistry;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Modules defined for the engine's own tests (the engine cannot see the built-in ones, and must not
 * copy them): each does one thing a walker test needs (sleep and record overlaps, write a file only
 * if it differs, echo, fail, count calls, hold a secret, run steps). Each test makes its own
 * instances (no shared static state). Tests of the playbook language against the real built-in
 * modules' schemas live in the modules Maven module ({@code dev.provision.modules.playbook}).
 */
final class EngineTestModules {

  /** What {@link Work} saw: one interval per run, and the most nodes that overlapped. */
  static final class Recorder {
    record Interval(String host, String id, long start, long end) {}

    final List<Interval> intervals = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final Map<String, AtomicInteger> perHost = new ConcurrentHashMap<>();
    final AtomicInteger maxPerHost = new AtomicInteger();
  }

  /** {@code work: {id, millis}}: sleeps in plan (read-only), recording the overlap with other nodes. */
  static final class Work implements Module {
    private final Recorder recorder;

    Work(Recorder recorder) {
      this.recorder = recorder;
    }

    public String name() {
      return "work";
    }

    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("id").required()).param(Param.integer("millis").defaultsTo(50L))
          .build();
    }

    public Plan plan(Params params, HostContext host) throws ModuleException {
      AtomicInteger onHost = recorder.perHost.computeIfAbsent(host.host(), h -> new AtomicInteger());
      recorder.maxPerHost.accumulateAndGet(onHost.incrementAndGet(), Math::max);
      recorder.maxRunning.accumulateAndGet(recorder.running.incrementAndGet(), Math::max);
      long start = System.nanoTime();
      try {
        Thread.sleep(params.integer("millis"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ModuleException("interrupted");
      } finally {
        recorder.running.decrementAndGet();
        onHost.decrementAndGet();
        recorder.intervals.add(new Recorder.Interval(host.host(), params.string("id"), start, System.nanoTime()));
      }
      return Plan.noop("worked", Map.of("id", params.string("id")));
    }
  }

  /** {@code put_file: {path, content}}: writes a file through the connection, only if it differs. */
  static final class PutFile implements Module {
    public String name() {
      return "put_file";
    }

    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("path").required()).param(Param.string("content").required())
          .build();
    }

    public Plan plan(Params params, HostContext host) throws ModuleException, dev.provision.connection.ConnectionException {
      String path = params.string("path");
      String want = params.string("content");
      String have = host.fact(new Fact<String>() {
        public String key() {
          return "file:" + path;
        }

        public String command() {
          return "cat " + Shell.quote(path) + " 2>/dev/null || printf '\\001missing'";
        }

        public String parse(CommandResult result) {
          return result.stdout();
        }

        public java.util.Optional<Likely> likely() {
          return java.util.Optional.of(new Likely("! [ -e " + Shell.quote(path) + " ]", "\001missing"));
        }
      });
      if (want.equals(have)) {
        return Plan.noop("file " + path + " already has this content", Map.of("path", path));
      }
      return Plan.change("write " + path, List.of(Diff.of(path, have.equals("\001missing") ? "" : have, want)),
          List.of(ExecAction.of("cat > " + Shell.quote(path)).withStdin(want.getBytes()).describedAs("write " + path)));
    }
  }

  /** {@code echo: {value, msg?}}: read-only, registers {@code value}. */
  static final class Echo implements Module {
    public String name() {
      return "echo";
    }

    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.any("value")).param(Param.string("msg")).build();
    }

    public Plan plan(Params params, HostContext host) {
      Map<String, Object> data = new java.util.LinkedHashMap<>();
      data.put("value", params.raw("value"));
      data.put("become", host.become());
      return Plan.noop(params.stringOr("msg", String.valueOf(params.raw("value"))), data);
    }
  }

  /** {@code fail: {msg}}: always fails. */
  static final class Fail implements Module {
    public String name() {
      return "fail";
    }

    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("msg").defaultsTo("failed as asked")).build();
    }

    public Plan plan(Params params, HostContext host) throws ModuleException {
      throw new ModuleException(params.string("msg"));
    }
  }

  /** {@code count: {}}: read-only; counts its calls per host and registers {@code count}. */
  static final class Count implements Module {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    public String name() {
      return "count";
    }

    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.integer("fail_below").defaultsTo(0L)).build();
    }

    public Plan plan(Params params, HostContext host) throws ModuleException {
      int n = calls.computeIfAbsent(host.host(), h -> new AtomicInteger()).incrementAndGet();
      if (n < params.integer("fail_below")) {
        throw new ModuleException("attempt " + n + " failed");
      }
      return Plan.noop("call " + n, Map.of("count", (long) n));
    }
  }

  /**
   * {@code set_fact}: every key becomes a host variable through {@code ansible_facts}, the way any
   * module defines variables; its schema declares so ({@link ParamSchema.Builder#definesVariables()}),
   * as the built-in set_fact's does, so the engine's checks know the names it sets.
   */
  static final class SetFact implements Module {
    public String name() {
      return "set_fact";
    }

    public ParamSchema schema() {
      return ParamSchema.builder().definesVariables().build();
    }

    public Plan plan(Params params, HostContext host) {
      return Plan.noop("set " + params.asMap().keySet(), Map.of("ansible_facts", params.asMap()));
    }
  }

  /** {@code login: {user, token}}: {@code token} is a secret parameter; the module also hides {@code user}. */
  static final class Login implements Module {
    public String name() {
      return "login";
    }

    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("user").required()).param(Param.string("token").secret().required())
          .build();
    }

    public Plan plan(Params params, HostContext host) {
      host.secret(params.string("user") + "-session");
      host.progress("logging in with " + params.string("token"));
      return Plan.change("log in as " + params.string("user") + " with token " + params.string("token"),
          List.of(Diff.of("session", "", params.string("user") + "-session " + params.string("token"))),
          List.of(ExecAction.of("echo " + Shell.quote(params.string("token"))).describedAs("send token "
              + params.string("token"))));
    }
  }

  /** {@code steps: {run: [cmd, ...]}}: one plain shell step per item, always a change. */
  static final class Steps implements Module {
    public String name() {
      return "steps";
    }

    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.list("run").required()).build();
    }

    public Plan plan(Params params, HostContext host) {
      List<ExecAction> steps = params.list("run").stream().map(c -> ExecAction.of(String.valueOf(c))).toList();
      return Plan.change("run " + steps.size() + " steps", List.of(), steps);
    }
  }

  static ModuleRegistry registry(Module... extra) {
    List<Module> all = new ArrayList<>(List.of(new PutFile(), new Echo(), new Fail(), new SetFact(), new Login(),
        new Steps()));
    all.addAll(List.of(extra));
    return new ModuleRegistry(all);
  }
}
