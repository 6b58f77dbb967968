package dev.provision.playbook;

import dev.provision.diag.SourceSpan;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every string of a play or task that is rendered as a template, with whether it is a bare
 * expression ({@code when}, {@code until}, {@code changed_when}, {@code failed_when}, and the module
 * parameters its schema declares {@link dev.provision.module.Param#expression() expressions}) or
 * template text.
 */
final class TemplateSites {

  /** A scalar to check; {@code bare} means it is an expression without braces. */
  record Site(YScalar scalar, boolean bare) {}

  private static final List<String> CONDITIONS = List.of("when", "until", "changed_when", "failed_when");
  private static final List<String> LOOPS = List.of("loop", "with_items", "with_list");

  private TemplateSites() {}

  static void ofPlay(YMap play, Consumer<Site> sink) {
    play.get("name").ifPresent(n -> text(n, sink));
    play.get("hosts").ifPresent(n -> text(n, sink));
    play.get("vars").ifPresent(n -> values(n, sink));
  }

  /** A block's own templates: its name, its conditions and its vars (its tasks are checked as tasks). */
  static void ofBlock(YMap block, Consumer<Site> sink) {
    block.get("name").ifPresent(n -> text(n, sink));
    block.get("delegate_to").ifPresent(n -> text(n, sink));
    block.get("when").ifPresent(n -> expressions(n, sink));
    block.get("vars").ifPresent(n -> values(n, sink));
  }

  /**
   * {@code args}: the module's arguments as read ({@code key=value} words and {@code args:} merged);
   * {@code expressionKeys}: its parameters that take bare expressions (from its schema).
   */
  static void ofTask(YMap task, YNode args, Set<String> expressionKeys, Consumer<Site> sink) {
    for (Map.Entry<String, YNode> e : task.entries().entrySet()) {
      String key = e.getKey();
      YNode value = e.getValue();
      if (key.equals("name") || key.equals("delegate_to")) {
        text(value, sink);
      } else if (CONDITIONS.contains(key)) {
        expressions(value, sink);
      } else if (key.equals("vars") || LOOPS.contains(key)) {
        values(value, sink);
      } else if (key.equals("loop_control") && value instanceof YMap control) {
        control.get("label").ifPresent(label -> text(label, sink));
      }
    }
    if (args instanceof YMap map) {
      map.entries().forEach((k, v) -> {
        if (expressionKeys.contains(k)) {
          expressions(v, sink);
        } else {
          text(v, sink);
        }
      });
    } else if (args != null) {
      text(args, sink);
    }
  }

  /** Template text anywhere inside a value: mapping values and list items are walked. */
  private static void text(YNode node, Consumer<Site> sink) {
    if (node instanceof YScalar s) {
      if (s.toPlain() instanceof String) {
        sink.accept(new Site(s, false));
      }
    } else if (node instanceof YSeq seq) {
      seq.items().forEach(i -> text(i, sink));
    } else if (node instanceof YMap map) {
      map.entries().values().forEach(v -> text(v, sink));
    }
  }

  private static void values(YNode node, Consumer<Site> sink) {
    text(node, sink);
  }

  private static void expressions(YNode node, Consumer<Site> sink) {
    if (node instanceof YScalar s) {
      if (s.toPlain() instanceof String) {
        sink.accept(new Site(s, true));
      }
    } else if (node instanceof YSeq seq) {
      seq.items().forEach(i -> expressions(i, sink));
    }
  }

  /**
   * The span of a place inside a scalar's text: exact for a scalar written on one line (quoted
   * scalars start one column later), the scalar's start otherwise.
   */
  static SourceSpan spanAt(YScalar scalar, int offset, int width) {
    SourceSpan s = scalar.span();
    if (s.hasLine() && s.line() == s.endLine() && offset >= 0 && offset <= scalar.text().length()) {
      int col = s.column() + (scalar.plain() ? 0 : 1) + offset;
      return new SourceSpan(s.file(), s.line(), col, s.line(), col + Math.max(1, width));
    }
    return SourceSpan.at(s.file(), s.line(), s.column());
  }
}
