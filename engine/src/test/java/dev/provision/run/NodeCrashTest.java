package dev.provision.run;

import static dev.provision.run.Fixtures.hosts;
import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.CommandResult;
import dev.provision.event.Recap;
import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.module.Action;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.playbook.Task;
import dev.provision.playbook.TaskLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Whatever a node throws, checked or not, Exception or Error, is that node's failure: a result line
 * saying "internal error: CLASS: MESSAGE", a count in the recap, its dependents skipped, exit 1. In
 * both modes, with and without {@code timeout} (a timed task runs on another thread).
 */
class NodeCrashTest {

  /** {@code crash: {throw: runtime|stack|oom, in: plan|apply|fact, item: N}}: throws where it is told. */
  static final class Crash implements Module {
    @Override
    public String name() {
      return "crash";
    }

    @Override
    public ParamSchema schema() {
      return ParamSchema.builder().param(Param.string("throw").choices("runtime", "stack", "oom").defaultsTo("runtime"))
          .param(Param.string("in").choices("plan", "apply", "fact").defaultsTo("plan"))
          .param(Param.any("item")).param(Param.any("only")).build();
    }

    @Override
    public Plan plan(Params params, HostContext host) throws ModuleException, dev.provision.connection.ConnectionException {
      if (params.has("only") && !String.valueOf(params.raw("only")).equals(String.valueOf(params.raw("item")))) {
        return Plan.noop("not this item");
      }
      String kind = params.string("throw");
      switch (params.string("in")) {
        case "fact" -> host.fact(new Fact<String>() {
          public String key() {
            return "crash";
          }

          public String command() {
            return "true";
          }

          public String parse(CommandResult result) {
            throw thrown(kind);
          }
        });
        case "apply" -> {
          return Plan.change("break on apply", new Action() {
            public String describe() {
              return "break";
            }

            public Map<String, Object> apply(HostContext h) {
              throw thrown(kind);
            }
          });
        }
        default -> throw thrown(kind);
      }
      return Plan.noop("unreachable");
    }

    static RuntimeException thrown(String kind) {
      return switch (kind) {
        case "stack" -> sneaky(new StackOverflowError());
        case "oom" -> sneaky(new OutOfMemoryError("Java heap space"));
        default -> new IllegalStateException("boom");
      };
    }

    /** Errors are thrown as they are; the cast only satisfies the compiler. */
    private static RuntimeException sneaky(Error e) {
      throw e;
    }
  }

  private static String expected(String kind) {
    return switch (kind) {
      case "stack" -> "internal error: java.lang.StackOverflowError";
      case "oom" -> "internal error: java.lang.OutOfMemoryError: Java heap space";
      default -> "internal error: java.lang.IllegalStateException: boom";
    };
  }

  static Stream<Arguments> everyCase() {
    List<Arguments> out = new ArrayList<>();
    for (String kind : List.of("runtime", "stack", "oom")) {
      for (Mode mode : Mode.values()) {
        for (Duration timeout : new Duration[] {null, Duration.ofSeconds(20)}) {
          for (String where : List.of("plan", "apply", "fact")) {
            if (!(where.equals("apply") && mode == Mode.PLAN)) { // a plan runs no action
              out.add(Arguments.of(kind, mode, timeout, where));
            }
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} in {3}, {1}, timeout {2}")
  @MethodSource("everyCase")
  void aThrowingModuleFailsItsNodeIsCountedAndExits1(String kind, Mode mode, Duration timeout, String where)
      throws Exception {
    Harness h = new Harness(EngineTestModules.registry(new Crash()));
    Fixtures.T crash = task("crash", "crash", Map.of("throw", kind, "in", where));
    if (timeout != null) {
      crash.timeout(timeout);
    }
    Recap recap = h.run(playbook(play("p", "all", List.of(), crash.b(),
        task("after", "echo", Map.of("value", "x")).b())), hosts("h1", "h2"), mode);

    for (String host : List.of("h1", "h2")) {
      TaskResult r = h.sink.result("crash", host);
      assertThat(r.status()).as(host).isEqualTo(Status.FAILED);
      assertThat(r.message()).as(host).isEqualTo(expected(kind));
      assertThat(h.sink.result("after", host).message()).isEqualTo("upstream failed");
    }
    assertThat(recap.total(Status.FAILED)).isEqualTo(2);
    assertThat(recap.exitCode(mode)).isEqualTo(1);
  }

  @Test
  void aThrowingLoopItemFailsTheItemAndTheNodeWhileTheOtherItemsRun() throws Exception {
    Harness h = new Harness(EngineTestModules.registry(new Crash()));
    Task looped = task("crash", "crash", Map.of("item", "{{ item }}", "only", 2)).b()
        .toBuilder().loop(new TaskLoop(List.of(1, 2, 3), false, null, null)).build();
    Recap recap = h.run(playbook(play("p", "all", List.of(), looped)), hosts("h1"), Mode.APPLY);

    TaskResult r = h.sink.result("crash", "h1");
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.message()).isEqualTo("3 items: 1 failed, 2 ok\nok (1): not this item\n"
        + "failed (2): internal error: java.lang.IllegalStateException: boom\nok (3): not this item");
    assertThat(recap.total(Status.FAILED)).isEqualTo(1);
  }

  @Test
  void anInternalErrorIsRegisteredAndIgnoreErrorsIgnoresItLikeAnyFailure() throws Exception {
    Harness h = new Harness(EngineTestModules.registry(new Crash()));
    Recap recap = h.run(playbook(play("p", "all", List.of(),
        task("crash", "crash", Map.of()).register("r").ignoreErrors().b(),
        task("after", "echo", Map.of("value", "{{ r.failed }}: {{ r.msg }}")).b())), hosts("h1"), Mode.APPLY);

    assertThat(h.sink.result("crash", "h1").message())
        .isEqualTo("failed (ignored): internal error: java.lang.IllegalStateException: boom");
    assertThat(h.sink.result("after", "h1").data())
        .containsEntry("value", "True: internal error: java.lang.IllegalStateException: boom");
    assertThat(recap.exitCode(Mode.APPLY)).isZero();
  }

  @Test
  void aTemplateThatThrowsFailsItsNode() throws Exception {
    Harness h = new Harness(EngineTestModules.registry());
    Object bomb = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("cannot show this value");
      }
    };
    Recap recap = h.run(playbook(play("p", "all", List.of(),
        task("show", "echo", Map.of("value", "{{ bomb }}")).b(),
        task("after", "echo", Map.of("value", "x")).b())), hosts("h1"),
        Harness.options(Mode.APPLY, 5, Map.of("bomb", bomb), java.util.Set.of()));

    TaskResult r = h.sink.result("show", "h1");
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.message()).startsWith("internal error: ").contains("cannot show this value");
    assertThat(h.sink.result("after", "h1").message()).isEqualTo("upstream failed");
    assertThat(recap.exitCode(Mode.APPLY)).isEqualTo(1);
  }
}
