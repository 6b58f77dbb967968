package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.DiagnosticsException;
import dev.provision.diag.SourceSpan;
import dev.provision.module.ModuleRegistry;
import dev.provision.template.TemplateProblem;
import dev.provision.template.Templates;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YSeq;
import dev.provision.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a playbook file with snakeyaml-engine into {@link Playbook}, collecting every problem
 * (YAML syntax, shape, unknown keywords and modules, module parameters, template syntax, needs
 * names and cycles, duplicate play names) before returning. Nothing is thrown until the whole
 * file has been read, so one run shows every problem.
 */
public final class PlaybookLoader {

  private final ModuleRegistry modules;
  private final Templates templates;

  public PlaybookLoader(ModuleRegistry modules) {
    this(modules, new Templates());
  }

  public PlaybookLoader(ModuleRegistry modules, Templates templates) {
    this.modules = modules;
    this.templates = templates;
  }

  public Playbook load(Path file) throws DiagnosticsException {
    Diagnostics out = new Diagnostics();
    int before = out.size();
    List<YNode> documents = YamlReader.readAll(file, out);
    if (documents.isEmpty()) {
      if (out.size() == before) {
        out.error(SourceSpan.file(file.toString()), "the playbook is empty", "a playbook is a list of plays: `- hosts: all`");
      }
      throw new DiagnosticsException(out);
    }
    if (documents.size() > 1) {
      out.error(documents.get(1).span(), "a playbook is one YAML document, this file has " + documents.size(),
          "remove the `---` line, and list every play in the first document");
    }
    Playbook playbook = read(file, documents.get(0), out);
    out.throwIfErrors();
    return playbook;
  }

  private Playbook read(Path file, YNode root, Diagnostics out) {
    if (!(root instanceof YSeq seq)) {
      String hint = root instanceof YMap m && (m.has("hosts") || m.has("tasks"))
          ? "this looks like one play: put `- ` before its first key, and indent the rest to match"
          : "start each play with `- hosts: ...`";
      out.error(root.span(), "a playbook must be a list of plays, not " + root.kind(), hint);
      return new Playbook(file, List.of());
    }
    if (seq.items().isEmpty()) {
      out.error(root.span(), "the playbook has no plays", "add a play: `- hosts: all`");
    }
    PlayReader reader = new PlayReader(new TaskReader(modules, out), baseDir(file), out, site -> check(site, out));
    List<PlayReader.Draft> drafts = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      PlayReader.Draft draft = reader.read(seq.items().get(i), i + 1);
      if (draft != null) {
        drafts.add(draft);
      }
    }
    checkNames(drafts, out);
    drafts.forEach(d -> checkTemplates(d.play(), out));
    List<NeedsGraph.Written> written = drafts.stream().map(PlayReader.Draft::needs).toList();
    Map<String, List<String>> needs = NeedsGraph.resolve(written, out);
    List<Play> plays = new ArrayList<>();
    for (PlayReader.Draft d : drafts) {
      Play p = d.play();
      plays.add(new Play(p.name(), p.span(), p.hosts(), p.vars(), p.secretVars(), p.become(), p.gatherFacts(),
          needs.getOrDefault(p.name(), List.of()), p.tasks(), p.node(), p.handlers(), p.batching()));
    }
    return new Playbook(file, plays);
  }

  /** The playbook's directory as the user wrote it (relative stays relative, so messages stay short). */
  private static Path baseDir(Path file) {
    Path parent = file.getParent();
    return parent != null ? parent : Path.of("");
  }

  private static void checkNames(List<PlayReader.Draft> drafts, Diagnostics out) {
    Map<String, PlayReader.Draft> seen = new HashMap<>();
    for (PlayReader.Draft d : drafts) {
      PlayReader.Draft first = seen.putIfAbsent(d.play().name(), d);
      if (first != null) {
        SourceSpan where = d.named() ? d.nameSpan() : d.play().span();
        SourceSpan at = first.named() ? first.nameSpan() : first.play().span();
        out.error(where, "two plays are named `" + d.play().name() + "`",
            "the other is at line " + at.line() + "; play names are unique, because `needs` refers to them");
      }
    }
  }

  private void checkTemplates(Play play, Diagnostics out) {
    Optional.ofNullable(play.node()).ifPresent(node -> TemplateSites.ofPlay(node, site -> check(site, out)));
    for (Task task : play.tasksAndHandlers()) {
      if (task.node() != null) {
        Set<String> expressions = modules.find(task.module()).map(m -> m.schema().expressionKeys()).orElse(Set.of());
        TemplateSites.ofTask(task.node(), task.argsNode(), expressions, site -> check(site, out));
      }
    }
  }

  private void check(TemplateSites.Site site, Diagnostics out) {
    for (TemplateProblem p : templates.check(site.scalar().text(), site.bare())) {
      out.error(TemplateSites.spanAt(site.scalar(), p.offset(), 1), p.message(), p.hint());
    }
  }
}
