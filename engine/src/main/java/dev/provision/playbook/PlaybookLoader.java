package dev.provision.playbook;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.DiagnosticsException;
import dev.provision.diag.SourceSpan;
import dev.provision.diag.Suggestions;
import dev.provision.module.ModuleRegistry;
import dev.provision.template.TemplateProblem;
import dev.provision.template.Templates;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import dev.provision.yaml.YSeq;
import dev.provision.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
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
  /** The environment the roles path is read from ({@code ANSIBLE_ROLES_PATH}, {@code ANSIBLE_CONFIG}). */
  private final Map<String, String> env;

  public PlaybookLoader(ModuleRegistry modules) {
    this(modules, new Templates());
  }

  public PlaybookLoader(ModuleRegistry modules, Templates templates) {
    this(modules, templates, System.getenv());
  }

  public PlaybookLoader(ModuleRegistry modules, Templates templates, Map<String, String> env) {
    this.modules = modules;
    this.templates = templates;
    this.env = Map.copyOf(env);
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
    List<dev.provision.diag.Diagnostic> warnings = out.asList().stream().filter(d -> !d.isError()).toList();
    return warnings.isEmpty() ? playbook : new Playbook(playbook.file(), playbook.plays(), warnings);
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
    List<PlayReader.Draft> drafts = new ArrayList<>();
    plays(file, seq, Imported.NONE, new ArrayDeque<>(List.of(file.toAbsolutePath().normalize())), drafts, out);
    checkNames(drafts, out);
    drafts.forEach(d -> checkTemplates(d.play(), out));
    List<NeedsGraph.Written> written = drafts.stream().map(PlayReader.Draft::needs).toList();
    Map<String, List<String>> needs = NeedsGraph.resolve(written, out);
    List<Play> plays = new ArrayList<>();
    for (PlayReader.Draft d : drafts) {
      Play p = d.play();
      plays.add(p.with(p.name(), p.vars(), needs.getOrDefault(p.name(), List.of()), p.tasks(), p.handlers()));
    }
    return new Playbook(file, plays);
  }

  /** {@code import_playbook}'s keywords, given to each play it imports (Ansible: its vars win over the play's). */
  private record Imported(String when, List<String> tags, Map<String, Object> vars) {
    static final Imported NONE = new Imported(null, List.of(), Map.of());
  }

  private static final Set<String> IMPORTS = Set.of("import_playbook", "ansible.builtin.import_playbook",
      "ansible.legacy.import_playbook");
  private static final Set<String> IMPORT_KEYWORDS = Set.of("name", "when", "tags", "vars");

  /** The plays of one playbook file, in order, those of the playbooks it imports in their place. */
  private void plays(Path file, YSeq seq, Imported imported, Deque<Path> reading, List<PlayReader.Draft> drafts,
      Diagnostics out) {
    PlayReader reader = new PlayReader(new TaskReader(modules, out), baseDir(file), env, out, site -> check(site, out));
    for (YNode item : seq.items()) {
      String key = item instanceof YMap m ? m.keySet().stream().filter(IMPORTS::contains).findFirst().orElse(null)
          : null;
      if (key != null) {
        importPlaybook(file, (YMap) item, key, imported, reading, drafts, out);
        continue;
      }
      PlayReader.Draft draft = reader.read(item, drafts.size() + 1);
      if (draft != null) {
        drafts.add(imported == Imported.NONE && reading.size() == 1 ? draft : imported(draft, imported, drafts));
      }
    }
  }

  /**
   * {@code - import_playbook: other.yml} (relative to the file that names it): that playbook's plays,
   * read now; its {@code when} is added to each of their tasks, its {@code tags} too, its {@code vars}
   * win over each play's, as in Ansible.
   */
  private void importPlaybook(Path file, YMap map, String key, Imported outer, Deque<Path> reading,
      List<PlayReader.Draft> drafts, Diagnostics out) {
    Keywords keywords = new Keywords(out);
    for (String k : map.keySet()) {
      if (!k.equals(key) && !IMPORT_KEYWORDS.contains(k)) {
        String hint = Suggestions.didYouMean(k, IMPORT_KEYWORDS);
        out.error(map.keySpan(k), AnsibleLanguage.PLAY.contains(k) ? "`" + k + "` on `" + key + "` is not supported yet"
            : "unknown keyword `" + k + "` on `" + key + "`", hint != null ? hint : "keywords read here: name, tags, vars, when");
      }
    }
    YNode value = map.entries().get(key);
    if (!(value instanceof YScalar name) || name.isNull() || name.text().isBlank()) {
      out.error(value.span(), "`" + key + "` needs the name of a playbook", "write `- " + key + ": other.yml`");
      return;
    }
    if (Keywords.templated(name)) {
      out.error(name.span(), "a playbook name with a template is not supported yet", "name the file: `other.yml`");
      return;
    }
    Path target = Path.of(name.text()).isAbsolute() ? Path.of(name.text()) : baseDir(file).resolve(name.text());
    if (!Files.isRegularFile(target)) {
      out.error(name.span(), "playbook `" + name.text() + "` not found", "looked for " + target);
      return;
    }
    Path real = target.toAbsolutePath().normalize();
    if (reading.contains(real)) {
      out.error(name.span(), "`" + name.text() + "` imports itself", "break the cycle of imports");
      return;
    }
    String when = map.get("when").map(v -> keywords.condition("when", v)).orElse(null);
    List<String> tags = map.get("tags").map(v -> keywords.strings("tags", v, true)).orElse(List.of());
    Map<String, Object> vars = map.get("vars").map(v -> keywords.vars("vars", v)).orElse(Map.of());
    Inherited joined = Inherited.NONE.with(outer.when(), outer.tags(), Map.of(), Map.of()).with(when, tags, Map.of(),
        Map.of());
    Map<String, Object> allVars = new LinkedHashMap<>(outer.vars());
    allVars.putAll(vars);
    List<YNode> documents = YamlReader.readAll(target, out);
    if (documents.isEmpty()) {
      return;
    }
    if (!(documents.get(0) instanceof YSeq seq)) {
      out.error(documents.get(0).span(), "a playbook must be a list of plays, not " + documents.get(0).kind(),
          "start each play with `- hosts: ...`");
      return;
    }
    reading.push(real);
    try {
      plays(target, seq, new Imported(joined.condition(null), joined.tags(), allVars), reading, drafts, out);
    } finally {
      reading.pop();
    }
  }

  /**
   * An imported play, with the import's keywords. A playbook imported twice has plays of the same
   * names, which Ansible allows; here names are unique ({@code needs} refers to them), so a repeated
   * one is told apart by its count: {@code write (2)}.
   */
  private static PlayReader.Draft imported(PlayReader.Draft draft, Imported imported, List<PlayReader.Draft> before) {
    Play p = draft.play();
    String name = p.name();
    for (int n = 2; before.stream().map(d -> d.play().name()).toList().contains(name); n++) {
      name = p.name() + " (" + n + ")";
    }
    Inherited given = Inherited.NONE.with(imported.when(), imported.tags(), Map.of(), Map.of());
    java.util.function.UnaryOperator<Task> apply = t -> {
      java.util.LinkedHashSet<String> tags = new java.util.LinkedHashSet<>(given.tags());
      tags.addAll(t.tags());
      return t.toBuilder().when(given.condition(t.when())).tags(new ArrayList<>(tags)).build();
    };
    Map<String, Object> vars = new LinkedHashMap<>(p.vars());
    vars.putAll(imported.vars());
    Play play = p.with(name, vars, p.needs(), p.tasks().stream().map(apply).toList(),
        p.handlers().stream().map(apply).toList());
    NeedsGraph.Written n = draft.needs();
    return new PlayReader.Draft(play, new NeedsGraph.Written(name, n.names(), n.spans(), n.keySpan()), draft.nameSpan(),
        draft.named());
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
