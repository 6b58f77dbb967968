package dev.provision.cli.report.html;

import dev.provision.cli.report.UnifiedDiff;
import dev.provision.diag.Diagnostics;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --report run.html} and {@code provision report}: one self-contained HTML page of a run,
 * built from its JSON event stream (already redacted, so no secret can reach it). Inline CSS and
 * SVG only, no script, and a Content-Security-Policy that forbids every fetch: the page opens the
 * same offline, from a CI artifact or a mail. Every text from the run goes through {@link Html}.
 */
public final class HtmlReport {

  static final int WIDTH = 1180;
  static final List<String> STATUSES = List.of("ok", "changed", "failed", "skipped", "unreachable", "deferred", "unfinished");

  private HtmlReport() {}

  /** The page for the events of {@code jsonLines} (one event a line); bad lines are diagnostics. */
  public static String fromEvents(String label, String jsonLines, Diagnostics diagnostics) {
    return render(RunRecord.of(EventLines.read(label, jsonLines, diagnostics)));
  }

  static String render(RunRecord run) {
    List<Integer> path = CriticalPath.of(run.nodes());
    Timeline timeline = Timeline.layout(run, path, WIDTH);
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>provision ").append(Html.line(run.mode())).append(": ").append(Html.line(run.playbook()))
        .append("</title>\n<style>").append(STYLE).append("</style></head>\n<body>\n");
    header(run, path, h);
    timeline(timeline, h);
    criticalPath(run, path, h);
    recap(run, h);
    failures(run, h);
    diffs(run, h);
    nodes(run, path, h);
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void header(RunRecord run, List<Integer> path, StringBuilder h) {
    h.append("<header><h1>").append(Html.line(run.playbook())).append(" <span class=\"mode\">")
        .append(Html.line(run.mode())).append("</span></h1>\n<p class=\"summary\">")
        .append(run.nodes().size()).append(" nodes on ").append(run.hosts().size()).append(" host")
        .append(run.hosts().size() == 1 ? "" : "s").append(", ").append(seconds(run.elapsedMs()))
        .append(", started ").append(Html.line(run.started().toString()));
    if (run.exitCode() != null) {
      h.append(", exit code ").append(run.exitCode());
    } else {
      h.append(", <strong>no recap: the run did not finish</strong>");
    }
    if (run.plannedNodes() > run.nodes().size()) {
      h.append(" (").append(run.plannedNodes() - run.nodes().size()).append(" planned nodes never reported)");
    }
    h.append("</p>\n<p class=\"legend\">");
    for (String s : STATUSES) {
      h.append("<span class=\"key s-").append(s).append("\"></span>").append(s).append(' ');
    }
    h.append("<span class=\"key wait\"></span>waiting <span class=\"key crit\"></span>critical path</p></header>\n");
  }

  private static void timeline(Timeline t, StringBuilder h) {
    h.append("<section id=\"timeline\"><h2>Timeline</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(t.width()).append("\" height=\"").append(t.height()).append("\" viewBox=\"0 0 ").append(t.width())
        .append(' ').append(t.height()).append("\" role=\"img\" aria-label=\"timeline of every node, one lane per host\">\n")
        .append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
        .append("<rect width=\"3\" height=\"6\" fill=\"rgba(255,255,255,0.55)\"/></pattern>")
        .append("<marker id=\"arrow\" viewBox=\"0 0 6 6\" refX=\"5\" refY=\"3\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">")
        .append("<path d=\"M0,0 L6,3 L0,6 z\" fill=\"#111\"/></marker></defs>\n");
    for (Timeline.Lane lane : t.lanes()) {
      h.append("<g class=\"lane\" data-host=\"").append(Html.line(lane.host())).append("\"><rect class=\"lane\" x=\"0\" y=\"")
          .append(lane.y()).append("\" width=\"").append(t.width()).append("\" height=\"").append(Timeline.LANE_HEIGHT)
          .append("\"/><text class=\"host\" x=\"6\" y=\"").append(lane.y() + Timeline.LANE_HEIGHT / 2 + 4).append("\">")
          .append(Html.line(clip(lane.host(), 24))).append("</text></g>\n");
    }
    for (Timeline.Tick tick : t.ticks()) {
      h.append("<line class=\"tick\" x1=\"").append(n(tick.x())).append("\" y1=\"").append(t.top() - 6)
          .append("\" x2=\"").append(n(tick.x())).append("\" y2=\"").append(t.height() - 6).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(n(tick.x())).append("\" y=\"").append(t.top() - 10)
          .append("\">").append(Html.line(tick.label())).append("</text>\n");
    }
    for (Timeline.PlayMark play : t.plays()) {
      h.append("<line class=\"play\" x1=\"").append(n(play.x())).append("\" y1=\"").append(4 + play.row() * Timeline.PLAY_ROW).append("\" x2=\"").append(n(play.x()))
          .append("\" y2=\"").append(t.height() - 6).append("\"/><text class=\"play\" x=\"").append(n(play.x() + 3))
          .append("\" y=\"").append(13 + play.row() * Timeline.PLAY_ROW).append("\">").append(Html.line(clip(play.name(), 40)))
          .append("</text>\n");
    }
    for (Timeline.Bar b : t.bars()) {
      NodeRun node = b.node();
      h.append("<g class=\"node s-").append(node.shownStatus()).append(b.critical() ? " critical" : "")
          .append(node.waited() ? " waited" : "").append("\" data-node=\"").append(node.id())
          .append("\" data-status=\"").append(node.shownStatus()).append("\" data-host=\"").append(Html.line(node.host()))
          .append("\" data-task=\"").append(Html.line(node.task())).append("\">");
      h.append("<title>").append(Html.line(node.task())).append(" @ ").append(Html.line(node.host())).append(": ")
          .append(node.shownStatus()).append(", ").append(seconds(node.durationMs()));
      if (node.waited()) {
        h.append(", waiting").append(node.retriesAtMs().isEmpty() ? "" : " (" + node.retriesAtMs().size() + " retries)");
      }
      if (node.message() != null && !node.message().isEmpty()) {
        h.append("\n").append(Html.line(clip(node.message(), 300)));
      }
      h.append("</title>");
      h.append("<rect class=\"bar\" x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y())).append("\" width=\"")
          .append(n(b.w())).append("\" height=\"").append(n(b.h())).append("\" rx=\"2\"/>");
      if (b.waitX() >= 0) {
        h.append("<rect class=\"wait\" x=\"").append(n(b.waitX())).append("\" y=\"").append(n(b.y())).append("\" width=\"")
            .append(n(Math.max(0, b.x() + b.w() - b.waitX()))).append("\" height=\"").append(n(b.h())).append("\"/>");
      }
      for (double rx : b.retryXs()) {
        h.append("<line class=\"retry\" x1=\"").append(n(rx)).append("\" y1=\"").append(n(b.y() - 2)).append("\" x2=\"")
            .append(n(rx)).append("\" y2=\"").append(n(b.y() + b.h() + 2)).append("\"/>");
      }
      int fits = (int) ((b.w() - 6) / 6.2);
      if (fits >= 4) {
        h.append("<text class=\"label\" x=\"").append(n(b.x() + 3)).append("\" y=\"").append(n(b.y() + b.h() - 5))
            .append("\">").append(Html.line(clip(node.task(), fits))).append("</text>");
      }
      h.append("</g>\n");
    }
    for (Timeline.Link l : t.criticalLinks()) {
      h.append("<path class=\"critical-link\" d=\"M").append(n(l.x1())).append(',').append(n(l.y1())).append(" L")
          .append(n(Math.max(l.x1(), l.x2()))).append(',').append(n(l.y2())).append("\" marker-end=\"url(#arrow)\"/>\n");
    }
    h.append("</svg></section>\n");
  }

  private static void criticalPath(RunRecord run, List<Integer> path, StringBuilder h) {
    long total = 0;
    Map<Integer, NodeRun> byId = new java.util.HashMap<>();
    run.nodes().forEach(node -> byId.put(node.id(), node));
    h.append("<section id=\"critical-path\"><h2>Critical path</h2>\n<p>The chain of nodes, each waiting for the one")
        .append(" before it, whose times add up to the most: to shorten the run, shorten one of these.</p>\n<ol>");
    for (int id : path) {
      NodeRun node = byId.get(id);
      total += node.durationMs();
      h.append("<li data-node=\"").append(id).append("\"><span class=\"key s-").append(node.shownStatus())
          .append("\"></span>").append(Html.line(node.task())).append(" @ ").append(Html.line(node.host()))
          .append(" <span class=\"dim\">").append(seconds(node.durationMs())).append("</span></li>");
    }
    h.append("</ol><p class=\"dim\">").append(seconds(total)).append(" of ").append(seconds(run.elapsedMs()))
        .append(" on the path.</p></section>\n");
  }

  private static void recap(RunRecord run, StringBuilder h) {
    List<String> columns = List.of("ok", "changed", "failed", "skipped", "unreachable", "deferred", "rescued", "ignored");
    h.append("<section id=\"recap\"><h2>Recap</h2>\n");
    if (run.recap().isEmpty()) {
      h.append("<p>No recap: the run did not finish.</p></section>\n");
      return;
    }
    h.append("<table><tr><th>host</th>");
    columns.forEach(c -> h.append("<th>").append(c).append("</th>"));
    h.append("</tr>\n");
    for (Map<String, Object> row : run.recap()) {
      h.append("<tr><td>").append(Html.line(String.valueOf(row.get("host")))).append("</td>");
      for (String c : columns) {
        Object v = row.get(c);
        boolean zero = v == null || "0".equals(String.valueOf(v));
        h.append("<td class=\"").append(zero ? "zero" : "s-" + c).append("\">").append(Html.line(String.valueOf(v == null ? 0 : v)))
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table></section>\n");
  }

  private static void failures(RunRecord run, StringBuilder h) {
    List<NodeRun> failed = run.nodes().stream()
        .filter(n -> "failed".equals(n.status()) || "unreachable".equals(n.status())).toList();
    h.append("<section id=\"failures\"><h2>Failures</h2>\n");
    if (failed.isEmpty()) {
      h.append("<p>None.</p></section>\n");
      return;
    }
    for (NodeRun node : failed) {
      h.append("<div class=\"failure s-").append(node.status()).append("\" data-node=\"").append(node.id()).append("\"><b>")
          .append(Html.line(node.task())).append(" @ ").append(Html.line(node.host())).append("</b> <span class=\"dim\">")
          .append(node.status()).append(", play ").append(Html.line(node.play())).append("</span><pre>")
          .append(Html.lines(node.message() == null ? "" : node.message())).append("</pre></div>\n");
    }
    h.append("</section>\n");
  }

  private static void diffs(RunRecord run, StringBuilder h) {
    // what changed, or would: a failed or ok node's actions did not change the host
    List<NodeRun> changed = run.nodes().stream().filter(n -> !n.diffs().isEmpty()
        || !n.actions().isEmpty() && ("changed".equals(n.status()) || "deferred".equals(n.status()))).toList();
    h.append("<section id=\"diffs\"><h2>").append("plan".equals(run.mode()) ? "Planned changes" : "Changes").append("</h2>\n");
    if (changed.isEmpty()) {
      h.append("<p>None.</p></section>\n");
      return;
    }
    for (NodeRun node : changed) {
      h.append("<details data-node=\"").append(node.id()).append("\"><summary><span class=\"key s-").append(node.shownStatus())
          .append("\"></span>").append(Html.line(node.task())).append(" @ ").append(Html.line(node.host()))
          .append(" <span class=\"dim\">").append(node.diffs().size()).append(" diff").append(node.diffs().size() == 1 ? "" : "s")
          .append(", ").append(node.actions().size()).append(" action").append(node.actions().size() == 1 ? "" : "s")
          .append("</span></summary>\n");
      if (!node.actions().isEmpty()) {
        h.append("<ul class=\"actions\">");
        node.actions().forEach(a -> h.append("<li>").append(Html.line(a)).append("</li>"));
        h.append("</ul>\n");
      }
      for (NodeRun.DiffText d : node.diffs()) {
        h.append("<pre class=\"diff\">");
        for (String line : UnifiedDiff.lines(d.header(), d.before(), d.after())) {
          String cls = line.startsWith("+++") || line.startsWith("---") ? "hd" : line.startsWith("+") ? "add"
              : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : "ctx";
          h.append("<span class=\"").append(cls).append("\">").append(Html.line(line)).append("</span>\n");
        }
        h.append("</pre>\n");
      }
      h.append("</details>\n");
    }
    h.append("</section>\n");
  }

  private static void nodes(RunRecord run, List<Integer> path, StringBuilder h) {
    Set<Integer> critical = new HashSet<>(path);
    h.append("<section id=\"nodes\"><h2>Every node</h2>\n<details><summary>").append(run.nodes().size())
        .append(" nodes</summary>\n<table><tr><th>#</th><th>play</th><th>task</th><th>host</th><th>module</th>")
        .append("<th>status</th><th>start</th><th>time</th><th>message</th></tr>\n");
    for (NodeRun node : run.nodes()) {
      h.append("<tr").append(critical.contains(node.id()) ? " class=\"critical\"" : "").append("><td>").append(node.id())
          .append("</td><td>").append(Html.line(node.play())).append("</td><td>").append(Html.line(node.task()))
          .append("</td><td>").append(Html.line(node.host())).append("</td><td>")
          .append(Html.line(node.module() == null ? "" : node.module())).append("</td><td class=\"s-").append(node.shownStatus())
          .append("\">").append(node.shownStatus()).append("</td><td>").append(seconds(node.startMs())).append("</td><td>")
          .append(seconds(node.durationMs())).append("</td><td>")
          .append(Html.line(clip(node.message() == null ? "" : node.message(), 200))).append("</td></tr>\n");
    }
    h.append("</table></details></section>\n");
  }

  private static String clip(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, Math.max(1, max - 1))) + "…";
  }

  static String seconds(long ms) {
    return ms < 10_000 ? String.format(Locale.ROOT, "%.2fs", ms / 1000.0)
        : ms < 120_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0)
        : String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, ms / 1000 % 60);
  }

  private static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static final String STYLE = """
      body{font:14px/1.4 system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:16px 24px;color:#1d1d1f;background:#fff}
      h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px}.mode{font-weight:normal;color:#666}
      .summary,.dim{color:#555}.legend{font-size:12px;color:#444}
      .key{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 10px;vertical-align:-1px}
      .key.wait{background:repeating-linear-gradient(45deg,#888,#888 3px,#ddd 3px,#ddd 6px)}
      .key.crit{border:2px solid #111;width:9px;height:9px}
      .s-ok{--c:#3a9a4a}.s-changed{--c:#e0a020}.s-failed{--c:#d33a2c}.s-skipped{--c:#b8b8b8}
      .s-unreachable{--c:#7b3fa0}.s-deferred{--c:#3d7dd8}.s-unfinished{--c:#777}
      .s-rescued{--c:#3d7dd8}.s-ignored{--c:#b8b8b8}
      .key[class*="s-"]{background:var(--c)}
      svg{display:block;max-width:100%;height:auto;font-size:11px}
      rect.lane{fill:#fafafa;stroke:#eee}g.lane:nth-of-type(even) rect.lane{fill:#f3f3f3}
      text.host{font-weight:600;fill:#333}line.play{stroke:#8a8fd0;stroke-dasharray:4 3}text.play{fill:#4b52a8;font-weight:600}text.tick{fill:#777;text-anchor:middle}line.tick{stroke:#e4e4e4}
      g.node rect.bar{fill:var(--c)}g.node.critical rect.bar{stroke:#111;stroke-width:2}
      g.node rect.wait{fill:url(#hatch)}line.retry{stroke:#111;stroke-width:1.5}
      text.label{fill:#fff;font-size:10.5px;pointer-events:none}
      g.node.s-skipped text.label,g.node.s-changed text.label{fill:#222}
      path.critical-link{stroke:#111;stroke-width:1.2;fill:none;stroke-dasharray:3 2}
      table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
      td[class*="s-"]{color:var(--c);font-weight:600}td.zero{color:#bbb}tr.critical td:first-child{border-left:3px solid #111}
      .failure{border-left:4px solid var(--c);padding:2px 10px;margin:6px 0;background:#fff6f5}
      pre{white-space:pre-wrap;margin:4px 0;font:12px/1.35 ui-monospace,"DejaVu Sans Mono",monospace}
      details{margin:4px 0}summary{cursor:pointer}
      pre.diff{background:#f7f7f7;padding:6px}.add{color:#116329;background:#e6ffec}.del{color:#82071e;background:#ffebe9}
      .hunk{color:#6639ba}.hd{color:#555;font-weight:600}ul.actions{margin:4px 0}
      """;
}
