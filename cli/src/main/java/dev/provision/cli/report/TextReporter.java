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
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Human output: one self-contained line per finished (task, host), because hosts do not run in
 * lockstep; live progress for long waits (rewritten in place on a terminal, throttled otherwise);
 * the recap. Skipped nodes are shown only with {@code -v}: "upstream failed" is counted, not
 * repeated.
 */
public final class TextReporter implements EventSink {

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private final PrintStream out;
  private final Style style;
  private final boolean verbose;
  private final boolean showDiffs;
  private final Map<String, Long> lastProgress = new HashMap<>();
  private Mode mode = Mode.APPLY;
  private int hostWidth = 8;
  private boolean statusLineShown;

  public TextReporter(PrintStream out, Style style, boolean verbose, boolean showDiffs) {
    this.out = out;
    this.style = style;
    this.verbose = verbose;
    this.showDiffs = showDiffs;
  }

  @Override
  public synchronized void accept(Event event) {
    if (event instanceof Event.RunStarted e) {
      mode = e.mode();
      println(style.bold((e.mode() == Mode.PLAN ? "Planning " : "Applying ") + e.playbook())
          + style.dim("  (" + e.plays() + " plays, " + e.hosts() + " hosts, " + e.nodes() + " task runs)"));
    } else if (event instanceof Event.PlayStarted e) {
      for (String h : e.hosts()) {
        hostWidth = Math.max(hostWidth, h.length());
      }
      println(style.cyan("PLAY " + e.play()) + style.dim(" on " + String.join(", ", e.hosts())));
    } else if (event instanceof Event.TaskProgress e) {
      progress(e);
    } else if (event instanceof Event.TaskRetrying e) {
      println(style.yellow(pad("retry", 8)) + " " + pad(e.host(), hostWidth) + "  " + e.play() + " › " + e.task()
          + style.dim("  attempt " + e.attempt() + "/" + (e.retries() + 1) + ": " + oneLine(e.reason())));
    } else if (event instanceof Event.TaskFinished e) {
      finished(e);
    } else if (event instanceof Event.RunFinished e) {
      recap(e);
    }
    out.flush();
  }

  private void finished(Event.TaskFinished e) {
    TaskResult r = e.result();
    if (r.status() == Status.SKIPPED && !verbose) {
      return;
    }
    String word = word(r.status());
    String line = colour(r.status(), pad(word, 8)) + " " + pad(e.host(), hostWidth) + "  " + e.play() + " › " + e.task();
    String message = r.message() == null ? "" : r.message();
    String first = oneLine(message);
    line += first.isEmpty() ? "" : style.dim("  " + first);
    if (r.elapsed().toMillis() >= 100) {
      line += style.dim(" (" + seconds(r.elapsed()) + ")");
    }
    println(line);
    if (r.status() == Status.FAILED || r.status() == Status.UNREACHABLE) {
      String[] lines = message.split("\n");
      for (int i = 1; i < lines.length && i < 40; i++) {
        println("           " + style.red(lines[i]));
      }
    }
    if (mode == Mode.PLAN && r.status() == Status.CHANGED || verbose && r.status() == Status.CHANGED) {
      for (String action : r.actions()) {
        println("           " + style.yellow("+ ") + action);
      }
    }
    if (showDiffs && (r.status() == Status.CHANGED)) {
      for (Diff d : r.diffs()) {
        for (String l : UnifiedDiff.lines(d.header(), d.before(), d.after())) {
          println("           " + diffColour(l));
        }
      }
    }
  }

  private void progress(Event.TaskProgress e) {
    String text = pad("waiting", 8) + " " + pad(e.host(), hostWidth) + "  " + e.play() + " › " + e.task() + "  "
        + oneLine(e.message()) + " (" + seconds(e.elapsed()) + ")";
    if (style.enabled()) {
      out.print("\r\033[K" + style.dim(text));
      statusLineShown = true;
      return;
    }
    String key = e.host() + "\u0000" + e.task();
    long now = System.nanoTime();
    Long last = lastProgress.get(key);
    if (last == null || now - last >= PROGRESS_EVERY.toNanos()) {
      lastProgress.put(key, now);
      println(text);
    }
  }

  private void recap(Event.RunFinished e) {
    Recap recap = e.recap();
    println("");
    println(style.bold("RECAP") + style.dim(" (" + (e.mode() == Mode.PLAN ? "plan" : "apply") + ", " + seconds(e.elapsed()) + ")"));
    int w = 4;
    for (Recap.HostRecap h : recap.hosts()) {
      w = Math.max(w, h.host().length());
    }
    for (Recap.HostRecap h : recap.hosts()) {
      String changedWord = e.mode() == Mode.PLAN ? "to-change" : "changed";
      StringBuilder line = new StringBuilder(pad(h.host(), w)).append("  ")
          .append(style.green("ok=" + h.ok())).append("  ")
          .append(h.changed() > 0 ? style.yellow(changedWord + "=" + h.changed()) : changedWord + "=0").append("  ")
          .append(h.failed() > 0 ? style.red("failed=" + h.failed()) : "failed=0").append("  ")
          .append("skipped=").append(h.skipped()).append("  ")
          .append(h.unreachable() > 0 ? style.red("unreachable=" + h.unreachable()) : "unreachable=0");
      if (e.mode() == Mode.PLAN) {
        line.append("  ").append("known-after-apply=").append(h.deferred());
      }
      if (h.rescued() + h.ignored() > 0) { // Ansible's two other counts, shown when they say something
        line.append("  rescued=").append(h.rescued()).append("  ignored=").append(h.ignored());
      }
      println(line.toString());
    }
    if (e.mode() == Mode.PLAN) {
      int changes = recap.total(Status.CHANGED);
      int deferred = recap.total(Status.DEFERRED);
      if (recap.total(Status.FAILED) + recap.total(Status.UNREACHABLE) > 0) {
        println(style.red("Plan incomplete: some tasks failed while reading state."));
      } else if (changes + deferred == 0) {
        println(style.green("No changes. The hosts match the playbook."));
      } else {
        println(style.yellow("Plan: " + changes + " to change" + (deferred > 0 ? ", " + deferred + " known after apply" : "")
            + ". Run without --plan to apply."));
      }
    }
  }

  private void println(String s) {
    if (statusLineShown) {
      out.print("\r\033[K");
      statusLineShown = false;
    }
    out.println(s);
  }

  private String word(Status status) {
    if (mode == Mode.PLAN) {
      return switch (status) {
        case CHANGED -> "change";
        case DEFERRED -> "deferred";
        default -> status.name().toLowerCase(Locale.ROOT);
      };
    }
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

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String first = nl < 0 ? s : s.substring(0, nl) + " …";
    return first.length() > 160 ? first.substring(0, 157) + "..." : first;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    return s < 120 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }
}
