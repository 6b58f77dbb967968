package dev.provision.playbook;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import java.util.Map;
import java.util.Set;

/**
 * A play's {@code vars_prompt}. Provision asks nothing (a run must not wait on a terminal): a prompt
 * with a {@code default} takes it, and says so; one without needs its value as an extra var. A
 * {@code private} value (the default) is a secret of the run.
 */
public final class VarsPrompts {

  private static final Set<String> KEYS = Set.of("name", "prompt", "default", "private", "confirm", "encrypt",
      "salt_size", "salt", "unsafe");

  private VarsPrompts() {}

  /** Checks the play's prompts, putting each default into {@code vars} and each private name into {@code secret}. */
  static void read(YMap play, Keywords keywords, Map<String, Object> vars, Set<String> secret) {
    YNode node = play.entries().get("vars_prompt");
    if (node == null || node instanceof YScalar s && s.isNull()) {
      return;
    }
    if (!(node instanceof YSeq seq)) {
      keywords.out().error(node.span(), "`vars_prompt` must be a list of prompts, not " + node.kind(),
          "write `vars_prompt: [{name: version, prompt: Which version?, default: \"1.0\"}]`");
      return;
    }
    for (YNode item : seq.items()) {
      if (!(item instanceof YMap p) || p.get("name").isEmpty()) {
        keywords.out().error(item.span(), "each prompt of `vars_prompt` is a mapping with `name`",
            "write `- {name: version, prompt: Which version?, default: \"1.0\"}`");
        continue;
      }
      for (String k : p.keySet()) {
        if (!KEYS.contains(k)) {
          keywords.out().error(p.keySpan(k), "unknown key `" + k + "` of a prompt",
              "a prompt has " + String.join(", ", new java.util.TreeSet<>(KEYS)));
        }
      }
      String name = keywords.string("name", p.entries().get("name"));
      if (name == null || !Keywords.IDENTIFIER.matcher(name).matches()) {
        if (name != null) {
          keywords.out().error(p.entries().get("name").span(), "`" + name + "` is not a valid variable name",
              "use letters, digits and underscores, starting with a letter or underscore");
        }
        continue;
      }
      boolean hidden = p.get("private").map(v -> keywords.bool("private", v)).orElse(true) != Boolean.FALSE;
      if (hidden) {
        secret.add(name);
      }
      p.get("default").ifPresent(v -> vars.put(name, v instanceof YScalar s && !s.isNull() ? s.text() : v.toPlain()));
    }
  }

  /**
   * What the prompts of {@code playbook} mean for a run with these extra vars: an error for each one
   * without a default that no extra var answers, a warning for each whose default is taken.
   */
  public static Diagnostics check(Playbook playbook, Set<String> extraVars) {
    Diagnostics out = new Diagnostics();
    for (Play play : playbook.plays()) {
      if (play.node() == null || !(play.node().entries().get("vars_prompt") instanceof YSeq seq)) {
        continue;
      }
      for (YNode item : seq.items()) {
        if (!(item instanceof YMap p) || !(p.entries().get("name") instanceof YScalar n) || extraVars.contains(n.text())) {
          continue;
        }
        String name = n.text();
        if (p.has("default")) {
          out.add(Diagnostic.warning(p.span(), "vars_prompt `" + name + "` is not asked: its default is used"
              + " (interactive prompts are not supported yet)", "give `-e " + name + "=...` for another value"));
        } else {
          out.error(p.span(), "vars_prompt without a default needs -e " + name + "=... (interactive prompts are not"
              + " supported yet)", "run with `-e " + name + "=VALUE`, or give the prompt a `default`");
        }
      }
    }
    return out;
  }
}
