package dev.provision.cli.report;

import dev.provision.event.Event;
import dev.provision.event.EventSink;
import dev.provision.event.Recap;
import dev.provision.event.Status;
import dev.provision.event.TaskResult;
import dev.provision.module.Diff;
import dev.provision.module.Mode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Human output: one self-contained line per finished (task, host), because hosts do not run in
 * lockstep, then the recap. What is running is shown live: on a terminal, a block of one line per
 * running node under the results, redrawn in place with its elapsed time and latest progress
 * (each line fitted to the terminal's width, so a redraw leaves nothing behind); elsewhere, a
 * heartbeat line for each node still running every {@link Options#heartbeat()}.
 *
 * <p>Nothing is cut but a terminal's one-line summaries without {@code -v}: failures, hints and
 * every line in logs are shown whole. Text from hosts passes through {@link Printable}. Skipped
 * nodes are shown only with {@code -v}: "upstream failed" is counted, not repeated.
 */
public final class TextReporter implements EventSink {

  /** {@code limit} is the {@code --limit} pattern or null; {@code heartbeat} applies when not on a terminal. */
  public record Options(boolean verbose, boolean showDiffs, String limit, Duration heartbeat) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

    public static Options of(boolean verbose, boolean showDiffs) {
      return new Options(verbose, showDiffs, null, DEFAULT_HEARTBEAT);
    }
  }

  private static final String INDENT = "           ";
  private static final int WORD = 8;
  private static final int MAX_STATUS_ROWS = 8;

  private final PrintStream out;
  private final Style style;
  private final Terminal terminal;
  private final Options options;
  private final RunningNodes running = new RunningNodes();
  private final Ticker ticker;
  private Mode mode = Mode.APPLY;
  private int hostWidth = 8;
  private int statusRows; // lines of the live block now on the screen, below the results
  private String shownBlock = "";

  public TextReporter(PrintStream out, Style style, Terminal terminal, Options options) {
    this.out = out;
    this.style = style;
    this.terminal = terminal;
    this.options = options;
    Duration every = terminal.tty() ? Duration.ofMillis(250) : tickFor(options.heartbeat());
    this.ticker = new Ticker(every, this::tick);
  }

  /** Plain lines (tests, logs): no terminal, default heartbeat. */
  public TextReporter(PrintStream out, Style style, boolean verbose, boolean showDiffs) {
    this(out, style, Terminal.plain(), Options.of(verbose, showDiffs));
  }

  private static Duration tickFor(Duration heartbeat) {
    long ms = Math.max(50, Math.min(1000, heartbeat.toMillis() / 4));
    return Duration.ofMillis(ms);
  }

  @Override
  public synchronized void accept(Event event) {
    if (event instanceof Event.RunStarted e) {
      mode = e.mode();
      ticker.start();
      println(new Line().add(style::bold, (e.mode() == Mode.PLAN ? "Planning " : "Applying ")
              + Printable.line(e.playbook()))
          .add(style::dim, "  (" + e.plays() + " plays, " + e.hosts() + " hosts, " + e.nodes() + " task runs)")
          .render(summaryWidth()));
    } else if (event instanceof Event.PlayStarted e) {
      played(e);
    } else if (event instanceof Event.TaskStarted e) {
      running.started(e.host(), e.play(), e.task(), System.nanoTime());
    } else if (event instanceof Event.TaskProgress e) {
      progress(e);
    } else if (event instanceof Event.TaskRetrying e) {
      String reason = Printable.lines(e.reason());
      Line line = new Line().add(style::yellow, pad("retry", WORD)).add(" " + pad(e.host(), hostWidth) + "  ");
      name(line, e.play(), e.task()).add(style::dim, "  attempt " + e.attempt() + "/" + (e.retries() + 1) + ": "
              + firstLine(reason));
      println(line.render(summaryWidth()));
      continuation(reason, !terminal.tty() || options.verbose(), s -> s);
    } else if (event instanceof Event.TaskFinished e) {
      running.finished(e.host());
      finished(e);
    } else if (event instanceof Event.RunFinished e) {
      ticker.stop();
      running.clear();
      recap(e);
    }
    redrawStatus();
    out.flush();
  }

  private void played(Event.PlayStarted e) {
    for (String h : e.hosts()) {
      hostWidth = Math.max(hostWidth, Printable.line(h).length());
    }
    Line line = new Line().add(style::cyan, "PLAY " + Printable.line(e.play()));
    if (e.hosts().isEmpty()) {
      line.add(style::dim, ": no hosts" + (options.limit() == null ? "" : " after --limit "
          + Printable.line(options.limit())));
    } else {
      line.add(style::dim, " on " + Printable.line(String.join(", ", e.hosts())));
    }
    println(line.render(summaryWidth()));
  }

  private void finished(Event.TaskFinished e) {
    TaskResult r = e.result();
    if (r.status() == Status.SKIPPED && !options.verbose()) {
      return;
    }
    boolean problem = r.status() == Status.FAILED || r.status() == Status.UNREACHABLE;
    String message = Printable.lines(r.message() == null ? "" : r.message());
    String first = firstLine(message);
    boolean more = message.contains("\n");
    boolean whole = problem || options.verbose() || !terminal.tty();
    Line line = new Line().add(s -> colour(r.status(), s), pad(word(r.status()), WORD))
        .add(" " + pad(e.host(), hostWidth) + "  ");
    name(line, e.play(), e.task());
    if (!first.isEmpty()) {
      line.add(style::dim, "  " + first + (more && !whole ? " …" : ""));
    }
    if (r.elapsed().toMillis() >= 100) {
      line.keep(style::dim, " (" + seconds(r.elapsed()) + ")");
    }
    println(line.render(problem ? Integer.MAX_VALUE : summaryWidth()));
    continuation(message, whole, s -> problem ? style.red(s) : s);
    if (mode == Mode.PLAN && r.status() == Status.CHANGED || options.verbose() && r.status() == Status.CHANGED) {
      for (String action : r.actions()) {
        for (String l : Printable.lines(action).split("\n", -1)) {
          println(INDENT + style.yellow("+ ") + l);
        }
      }
    }
    if (e.showsDiffs(options.showDiffs()) && r.status() == Status.CHANGED) { // a task's `diff: true` shows them anyway
      for (Diff d : r.diffs()) {
        for (String l : UnifiedDiff.lines(d.header(), d.before(), d.after())) {
          println(INDENT + diffColour(Printable.line(l)));
        }
      }
    }
  }

  /** The lines after the first of a message, indented under the result line. */
  private void continuation(String message, boolean show, java.util.function.UnaryOperator<String> colour) {
    if (!show) {
      return;
    }
    String[] lines = message.split("\r?\n", -1);
    int last = lines.length;
    while (last > 1 && lines[last - 1].isBlank()) {
      last--;
    }
    for (int i = 1; i < last; i++) {
      println(INDENT + colour.apply(lines[i]));
    }
  }

  private void progress(Event.TaskProgress e) {
    String message = firstLine(Printable.lines(e.message()));
    RunningNodes.Node node = running.progress(e.host(), e.play(), e.task(), message, System.nanoTime()
        - e.elapsed().toNanos());
    if (!terminal.tty() && !node.progressShown()) {
      node.progressShown(true); // the first progress of a node at once; later ones with the heartbeat
      heartbeat(node, System.nanoTime());
    }
  }

  /** Called by the ticker: redraws the live block, or prints heartbeats when not on a terminal. */
  private synchronized void tick() {
    long now = System.nanoTime();
    if (terminal.tty()) {
      if (!running.isEmpty() && !statusBlock(now).equals(shownBlock)) {
        clearStatus();
        redrawStatus();
        out.flush();
      }
      return;
    }
    for (RunningNodes.Node node : running.nodes()) {
      if (now - node.lastLine() >= options.heartbeat().toNanos()) {
        heartbeat(node, now);
      }
    }
    out.flush();
  }

  private void heartbeat(RunningNodes.Node node, long now) {
    node.lastLine(now);
    out.println(statusLine(node, now, Integer.MAX_VALUE, seconds(Duration.ofNanos(now - node.started()))));
  }

  private String statusLine(RunningNodes.Node node, long now, int width) {
    return statusLine(node, now, width, wholeSeconds(Duration.ofNanos(now - node.started())));
  }

  private String statusLine(RunningNodes.Node node, long now, int width, String elapsed) {
    Line line = new Line().add(style::cyan, pad("running", WORD)).add(" " + pad(node.host(), hostWidth) + "  ");
    name(line, node.play(), node.task());
    if (!node.message().isEmpty()) {
      line.add(style::dim, "  " + node.message());
    }
    line.keep(style::dim, " (" + elapsed + ")");
    return line.render(width);
  }

  /** On a terminal: erase the live block, so that permanent lines go where it was. */
  private void clearStatus() {
    if (statusRows > 0) {
      out.print("\033[" + statusRows + "A\r\033[J");
      statusRows = 0;
    }
  }

  /** On a terminal: the live block under the results, one fitted line per running node. */
  private void redrawStatus() {
    if (!terminal.tty() || statusRows > 0 || running.isEmpty()) {
      return;
    }
    shownBlock = statusBlock(System.nanoTime());
    out.print(shownBlock);
    statusRows = (int) shownBlock.chars().filter(c -> c == '\n').count();
  }

  private String statusBlock(long now) {
    int width = terminal.width() - 1; // never the last column: some terminals wrap there
    List<RunningNodes.Node> nodes = running.nodes();
    int shown = Math.min(nodes.size(), MAX_STATUS_ROWS);
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      block.append(statusLine(nodes.get(i), now, width)).append('\n');
    }
    if (nodes.size() > shown) {
      block.append(new Line().add(style::dim, "… and " + (nodes.size() - shown) + " more running").render(width))
          .append('\n');
    }
    return block.toString();
  }

  private void recap(Event.RunFinished e) {
    Recap recap = e.recap();
    println("");
    println(style.bold("RECAP") + style.dim(" (" + (e.mode() == Mode.PLAN ? "plan" : "apply") + ", " + seconds(e.elapsed()) + ")"));
    int w = 4;
    for (Recap.HostRecap h : recap.hosts()) {
      w = Math.max(w, Printable.line(h.host()).length());
    }
    for (Recap.HostRecap h : recap.hosts()) {
      StringBuilder line = new StringBuilder(pad(h.host(), w)).append("  ")
          .append(style.green("ok=" + h.ok())).append("  ")
          .append(h.changed() > 0 ? style.yellow("changed=" + h.changed()) : "changed=0").append("  ")
          .append(h.failed() > 0 ? style.red("failed=" + h.failed()) : "failed=0").append("  ")
          .append("skipped=").append(h.skipped()).append("  ")
          .append(h.unreachable() > 0 ? style.red("unreachable=" + h.unreachable()) : "unreachable=0");
      if (e.mode() == Mode.PLAN) {
        line.append("  ").append(h.deferred() > 0 ? style.yellow("deferred=" + h.deferred()) : "deferred=0");
      }
      if (h.rescued() + h.ignored() > 0) { // Ansible's two other counts, shown when they say something
        line.append("  rescued=").append(h.rescued()).append("  ignored=").append(h.ignored());
      }
      println(line.toString());
    }
    String problems = problems(recap);
    if (e.mode() == Mode.PLAN) {
      int changes = recap.total(Status.CHANGED);
      int deferred = recap.total(Status.DEFERRED);
      if (problems != null) {
        println(style.red("Plan incomplete: " + problems + "."));
      } else if (changes + deferred == 0) {
        println(style.green("No changes. The hosts match the playbook."));
      } else {
        println(style.yellow("Plan: " + changes + " changed" + (deferred > 0 ? ", " + deferred
            + " deferred (known only after apply)" : "") + ". Run without --plan to apply."));
      }
    } else if (problems != null) {
      println(style.red("Failed: " + problems + "."));
    }
  }

  /** What went wrong, counted as the recap counts it, or null. */
  private static String problems(Recap recap) {
    long unreachableHosts = recap.hosts().stream().filter(h -> h.unreachable() > 0).count();
    int failed = recap.total(Status.FAILED);
    List<String> parts = new ArrayList<>();
    if (unreachableHosts > 0) {
      parts.add(unreachableHosts + (unreachableHosts == 1 ? " host" : " hosts") + " unreachable");
    }
    if (failed > 0) {
      parts.add(failed + (failed == 1 ? " task" : " tasks") + " failed");
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  private int summaryWidth() {
    return terminal.tty() && !options.verbose() ? terminal.width() - 1 : Integer.MAX_VALUE;
  }

  private void println(String s) {
    clearStatus();
    out.println(s);
  }

  /** "play › task", where fitting shortens the play's name before the task's. */
  private static Line name(Line line, String play, String task) {
    return line.squeeze(Printable.line(play)).add(" › " + Printable.line(task));
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).replace('\t', ' ').stripTrailing();
  }

  private String word(Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private String colour(Status status, String s) {
    return switch (status) {
      case OK -> style.green(s);
      case CHANGED, DEFERRED -> style.yellow(s);
      case FAILED, UNREACHABLE -> style.red(s);
      case SKIPPED -> style.dim(s);
    };
  }

  private String diffColour(String line) {
    if (line.startsWith("+")) {
      return style.green(line);
    } else if (line.startsWith("-")) {
      return style.red(line);
    } else if (line.startsWith("@@")) {
      return style.cyan(line);
    }
    return line;
  }

  private static String pad(String s, int width) {
    String p = Printable.line(s);
    return p.length() >= width ? p : p + " ".repeat(width - p.length());
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    return wholeSeconds(d);
  }

  /** A running clock: whole seconds, so that a redraw each second shows it move. */
  static String wholeSeconds(Duration d) {
    long s = d.toSeconds();
    return s < 120 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }
}
