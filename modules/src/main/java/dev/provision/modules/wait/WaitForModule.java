package dev.provision.modules.wait;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.Durations;
import dev.provision.connection.Shell;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.files.RemotePath;
import dev.provision.modules.text.PythonRegex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wait_for}: waits until a port on {@code host} is open, closed or drained, or a path is
 * present (holding {@code search_regex}) or absent, checked from the managed host as Ansible does
 * (one read-only command per check, every {@code sleep}), with a live progress line. It changes
 * nothing, so a plan waits as the apply would; a condition not met yet while an earlier task of the
 * plan would change the host first is "known after apply". Checks need bash ({@code /dev/tcp}),
 * coreutils {@code timeout} and, for {@code drained}, {@code ss} on the host.
 */
public final class WaitForModule implements Module {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");
  /** Exit code of the port check when the connection is refused. */
  private static final int CLOSED = 90;

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .waits()
      .summary("Waits, checking from the managed host, until a port is open, closed or drained, or a file is there (with a regex) or gone.")
      .note("Each check is one read-only command on the managed host (as in Ansible): a port with bash's /dev/tcp under timeout, drained with ss, a path with test -e, its text searched with a Python regex (multiline). A progress line shows while it waits. It waits in a plan too; a condition not met while an earlier planned task would change the host is known after apply. Neither port nor path: waits timeout.")
      .example("""
          - name: API server up
            wait_for: {host: 127.0.0.1, port: 6443, timeout: 120}
          """)
      .param(Param.string("host").defaultsTo("127.0.0.1").describedAs("the address the managed host connects to"))
      .param(Param.integer("port").describedAs("a TCP port on host"))
      .param(Param.string("path").describedAs("a file on the managed host"))
      .param(Param.string("state").choices("started", "stopped", "present", "absent", "drained")
          .defaultsTo("started").describedAs("started/present: wait until open or there; stopped/absent: until "
              + "closed or gone; drained: until the port has no established connections"))
      .param(Param.string("search_regex").describedAs("a Python regex the file (or what the port sends) must hold"))
      .param(Param.duration("timeout").defaultsTo("300s").describedAs("give up after this long"))
      .param(Param.duration("delay").defaultsTo("0s").describedAs("wait this long before the first check"))
      .param(Param.duration("sleep").defaultsTo("1s").describedAs("between checks"))
      .param(Param.duration("connect_timeout").defaultsTo("5s").describedAs("for each connection attempt"))
      .param(Param.string("msg").describedAs("the failure message on timeout"))
      .param(Param.list("exclude_hosts").notSupportedYet("drained counts every established connection").describedAs("not supported yet"))
      .param(Param.list("active_connection_states").notSupportedYet("drained counts established connections").describedAs("not supported yet"))
      .mutuallyExclusive("port", "path")
      .build();

  @Override
  public String name() {
    return "wait_for";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("wait_for");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** One check: its command, how its result reads, and what it waits for in words. */
  private record Check(String command, String goal, String timeoutMessage, Pattern regex, boolean wantsPresent,
      Kind kind) {}

  private enum Kind { PORT, PORT_DATA, DRAINED, PATH, PATH_TEXT }

  /**
   * One check's read-only command, as a fact so that fixtures can serve it; each attempt has its own
   * key ({@code #N}), so the host's memo of facts never answers a later check with an earlier result.
   */
  private record CheckFact(String key, String command) implements dev.provision.module.Fact<CommandResult> {
    @Override
    public CommandResult parse(CommandResult result) {
      return result;
    }
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String state = params.stringOr("state", "started");
    Duration timeout = params.duration("timeout");
    Duration delay = params.duration("delay");
    Duration sleep = params.duration("sleep");
    Check check = check(params, state);
    long started = System.nanoTime();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("state", state);
    params.optInteger("port").ifPresent(p -> result.put("port", p));
    params.optString("path").ifPresent(p -> result.put("path", p));
    params.optString("search_regex").ifPresent(r -> result.put("search_regex", r));
    try {
      if (check == null) {
        // Ansible: neither port nor path is a plain wait of `timeout`
        pause(host, "waiting", timeout, started);
        result.put("elapsed", seconds(started));
        return Plan.noop("waited " + timeout.toSeconds() + "s", result);
      }
      pause(host, "waiting before the first check of " + check.goal(), delay, started);
      long deadline = started + timeout.toNanos();
      boolean first = true;
      for (int attempt = 1; ; attempt++) {
        Matcher found = met(host, check, params.duration("connect_timeout"), attempt);
        boolean met = check.wantsPresent() ? found != null : found == null;
        if (met) {
          result.put("elapsed", seconds(started));
          if (found != null && check.regex() != null) {
            List<Object> groups = new ArrayList<>();
            for (int i = 1; i <= found.groupCount(); i++) {
              groups.add(found.group(i));
            }
            result.put("match_groups", groups);
            result.put("match_groupdict", named(check.regex(), found));
          }
          return Plan.noop(check.goal() + " (after " + seconds(started) + "s)", result);
        }
        if (first && host.changesPending()) {
          throw host.knownAfterApply("not yet " + check.goal() + ", and an earlier task would change the host first");
        }
        first = false;
        if (System.nanoTime() >= deadline) {
          result.put("elapsed", seconds(started));
          throw new ModuleException(params.optString("msg").orElse(check.timeoutMessage()), result);
        }
        host.progress("waiting until " + check.goal() + ": " + Durations.format(Duration.ofSeconds(seconds(started)))
            + " of " + Durations.format(timeout));
        Thread.sleep(Math.max(1, Math.min(sleep.toMillis(), (deadline - System.nanoTime()) / 1_000_000 + 1)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("wait_for interrupted after " + seconds(started) + "s", result);
    }
  }

  private static void pause(HostContext host, String what, Duration length, long started) throws InterruptedException {
    long end = started + length.toNanos();
    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
      host.progress(what + ": " + Durations.format(Duration.ofNanos(end - now).plusMillis(999).withNanos(0)) + " left");
      Thread.sleep(Math.max(1, Math.min(1000, (end - now) / 1_000_000)));
    }
  }

  private static long seconds(long started) {
    return (System.nanoTime() - started) / 1_000_000_000L;
  }

  private static Map<String, Object> named(Pattern regex, Matcher found) {
    Map<String, Object> out = new LinkedHashMap<>();
    Matcher names = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>").matcher(regex.pattern());
    while (names.find()) {
      out.put(names.group(1), found.group(names.group(1)));
    }
    return out;
  }

  private static Check check(Params params, String state) throws ModuleException {
    String regex = params.optString("search_regex").orElse(null);
    Pattern pattern = regex == null ? null : PythonRegex.compile("search_regex", regex.startsWith("(?m)") ? regex
        : "(?m)" + regex);
    if (params.optInteger("port").isPresent()) {
      long port = params.optInteger("port").get();
      if (port < 1 || port > 65535) {
        throw new ModuleException("port " + port + " is not a TCP port (1-65535)");
      }
      String host = params.stringOr("host", "127.0.0.1");
      if (!HOST.matcher(host).matches()) {
        throw new ModuleException("host `" + host + "` is not a host name or address");
      }
      String where = host + ":" + port;
      return switch (state) {
        case "started", "present" -> pattern == null
            ? new Check(portCommand(host, port, false), where + " is open", "Timeout when waiting for " + where, null,
                true, Kind.PORT)
            : new Check(portCommand(host, port, true), where + " sends " + regex,
                "Timeout when waiting for search string " + regex + " in " + where, pattern, true, Kind.PORT_DATA);
        case "stopped", "absent" -> new Check(portCommand(host, port, false), where + " is closed",
            "Timeout when waiting for " + where + " to stop", null, false, Kind.PORT);
        default -> new Check("ss -Htn state established " + Shell.quote("( sport = :" + port + " )") + " | wc -l",
            "port " + port + " is drained", "Timeout when waiting for " + where + " to drain", null, false,
            Kind.DRAINED);
      };
    }
    if (params.optString("path").isPresent()) {
      RemotePath path = RemotePath.of("path", params.string("path"));
      String p = path.shell();
      boolean present = state.equals("started") || state.equals("present");
      if (state.equals("drained")) {
        throw new ModuleException("state drained is for a port, not a path");
      }
      if (pattern == null) {
        return new Check("[ -e " + p + " ] && echo there; true", path + (present ? " is present" : " is absent"),
            "Timeout when waiting for file " + path + (present ? "" : " to be absent"), null, present, Kind.PATH);
      }
      return new Check("if [ -r " + p + " ]; then echo there; cat -- " + p + "; fi",
          path + (present ? " holds " : " lacks ") + regex,
          "Timeout when waiting for search string " + regex + " in " + path, pattern, present, Kind.PATH_TEXT);
    }
    if (regex != null) {
      throw new ModuleException("search_regex needs a port or a path to search");
    }
    return null;
  }

  private static String portCommand(String host, long port, boolean read) {
    return "bash -c " + Shell.quote("if exec 3<>\"/dev/tcp/$1/$2\"; then " + (read ? "cat <&3" : ":")
        + "; else exit " + CLOSED + "; fi") + " provision " + Shell.quote(host) + " " + port + " 2>/dev/null";
  }

  /** Runs the check once; a match (or, for checks without a regex, any non-null) when the thing is there. */
  private static Matcher met(HostContext host, Check check, Duration connectTimeout, int attempt)
      throws ModuleException, ConnectionException {
    String command = switch (check.kind()) {
      case PORT, PORT_DATA -> "timeout " + Math.max(1, connectTimeout.toSeconds()) + " " + check.command();
      default -> check.command();
    };
    CommandResult r = host.fact(new CheckFact("wait_for:" + check.goal() + "#" + attempt, command));
    Matcher yes = Pattern.compile("").matcher("");
    switch (check.kind()) {
      case PORT -> {
        if (r.exitCode() == 127) {
          throw new ModuleException("cannot check the port on " + host.host() + ": bash or timeout is missing there");
        }
        return r.exitCode() == 0 ? yes : null;
      }
      case PORT_DATA -> {
        if (r.exitCode() == CLOSED) {
          return null;
        }
        Matcher m = check.regex().matcher(r.stdout());
        return m.find() ? m : null;
      }
      case DRAINED -> {
        if (!r.succeeded()) {
          throw new ModuleException("cannot count connections on " + host.host() + ": " + r.failureText());
        }
        return r.stdout().strip().equals("0") ? null : yes;
      }
      case PATH -> {
        return r.stdout().startsWith("there") ? yes : null;
      }
      default -> {
        if (!r.stdout().startsWith("there")) {
          return null;
        }
        Matcher m = check.regex().matcher(r.stdout().substring(r.stdout().indexOf('\n') + 1));
        return m.find() ? m : null;
      }
    }
  }
}
