package dev.provision.run;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Apply mode's first-run shortcut: a read and the change it leads to, in one round trip.
 *
 * <p>The module plans as usual, except that the one fact it reads that is not known yet and has a
 * {@link Fact#likely() likely} value ("absent") reads as that value. The plan's first command then
 * runs behind the fact's shell test: {@code if TEST; then COMMAND; else MARKER; FACT; fi}. When the
 * test holds, the host was exactly as guessed at that moment, so the plan, its diff and its message
 * are the ones a separate read would have given. When it fails, the same round trip printed the
 * real fact: it is memoised, nothing was changed, and the module is planned again with it
 * ({@link GuessMissed}). Plan mode never guesses.
 */
final class LikelyFacts {

  /** The host was not as guessed; nothing was changed, and the real fact is memoised when it parsed. */
  static final class GuessMissed extends RuntimeException {
    GuessMissed() {
      super("the host differs from the guessed fact", null, false, false);
    }
  }

  /** Larger uploads are not sent on a guess: a miss would waste them. */
  private static final int MAX_GUESSED_STDIN = 64 * 1024;

  private final NodeContext host;
  private final HostState state;
  private Fact<?> guessed;
  private boolean settled;

  LikelyFacts(NodeContext host, HostState state) {
    this.host = host;
    this.state = state;
  }

  /** The module's plan, made against a guess when one applies; {@link #guessing()} says whether. */
  Plan plan(Module module, Params params) throws ModuleException, ConnectionException {
    try {
      Plan plan = module.plan(params, new Guessing());
      if (guessed == null || plan.changes()) {
        return plan;
      }
    } catch (ModuleException | ConnectionException | RuntimeException e) {
      if (guessed == null) {
        throw e;
      }
    }
    // a compliant or failing plan on a guess proves nothing about the host: read it and plan again
    guessed = null;
    return module.plan(params, host);
  }

  boolean guessing() {
    return guessed != null;
  }

  /** The host the plan's actions run on: the first thing they do on the host checks the guess. */
  HostContext applying() {
    return new Applying();
  }

  private final class Guessing extends ForwardingHost {
    Guessing() {
      super(host);
    }

    @Override
    public <T> T fact(Fact<T> fact) throws ModuleException, ConnectionException {
      boolean same = guessed != null && guessed.key().equals(fact.key());
      if (!same && (guessed != null || state.hasMemo(fact.key()) || fact.likely().isEmpty())) {
        return host.fact(fact);
      }
      guessed = fact;
      return fact.parse(new CommandResult(0, fact.likely().get().output(), "", Duration.ZERO));
    }
  }

  private final class Applying extends ForwardingHost {
    Applying() {
      super(host);
    }

    @Override
    public Connection connection() throws ConnectionException {
      Connection real = host.connection();
      return new Connection() {
        @Override
        public CommandResult run(Command command) throws ConnectionException {
          return settled ? real.run(command) : firstRun(real, command);
        }

        @Override
        public String target() {
          return real.target();
        }

        @Override
        public void close() {
          real.close();
        }
      };
    }

    @Override
    public <T> T fact(Fact<T> fact) throws ModuleException, ConnectionException {
      settle();
      return host.fact(fact);
    }

    @Override
    public <S> S service(Class<S> type, Supplier<S> factory) {
      try {
        settle(); // a service (an API client) may change things without a command: check first
      } catch (ConnectionException e) {
        throw new IllegalStateException("cannot check " + guessed.key() + ": " + e.getMessage(), e);
      }
      return host.service(type, factory);
    }
  }

  /** The plan's first command, behind the guess's test; the fact's real output comes back on a miss. */
  private CommandResult firstRun(Connection real, Command command) throws ConnectionException {
    boolean fusable = command.become() == host.become() && command.env().isEmpty() && command.chdir() == null
        && command.stdinFile() == null && (command.stdin() == null || command.stdin().length <= MAX_GUESSED_STDIN);
    if (!fusable) {
      settle();
      return real.run(command);
    }
    settled = true;
    String marker = marker();
    Command fused = new Command(guarded(command.script(), marker, command.stdin() != null), command.stdin(), null,
        command.timeout(), command.become(), command.env(), command.chdir(), command.becomeAs());
    CommandResult result = real.run(fused);
    missedIf(result, marker);
    return result;
  }

  /** Checks the guess on its own (one round trip, as a plain read would cost). */
  private void settle() throws ConnectionException {
    if (settled) {
      return;
    }
    settled = true;
    String marker = marker();
    CommandResult result = host.connection().run(Command.of(guarded(":", marker, false)).withBecome(host.become())
        .withTimeout(host.timeout()));
    missedIf(result, marker);
  }

  /** On a miss, input meant for the command is drained first: the sender never writes to a closed pipe. */
  private String guarded(String script, String marker, boolean drainInput) {
    Fact.Likely likely = guessed.likely().orElseThrow();
    return "if " + likely.test() + "; then\n" + script + "\nelse\n" + (drainInput ? "cat > /dev/null\n" : "")
        + "printf '%s\\n' " + marker + "\n" + guessed.command() + "\nfi";
  }

  private void missedIf(CommandResult result, String marker) {
    String prefix = marker + "\n";
    if (!result.stdout().startsWith(prefix)) {
      return;
    }
    CommandResult read = new CommandResult(result.exitCode(), result.stdout().substring(prefix.length()),
        result.stderr(), result.elapsed());
    try {
      state.remember(guessed.key(), guessed.parse(read));
    } catch (ModuleException e) {
      // the plan that follows reads it again and reports the problem
    }
    throw new GuessMissed();
  }

  private static String marker() {
    return "provision-guess-missed-" + UUID.randomUUID();
  }
}
