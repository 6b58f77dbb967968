package dev.provision.yaml;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.provision.vault.VaultCipher;
import dev.provision.vault.VaultException;
import dev.provision.vault.VaultKeyring;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads YAML (and so JSON) into {@link YNode} trees with spans, using snakeyaml-engine's composer.
 * Syntax errors, tabs, duplicate keys and non-string keys become diagnostics, never exceptions.
 */
public final class YamlReader {

  private YamlReader() {}

  /** Every document of a file. A missing or unreadable file is one diagnostic. */
  public static List<YNode> readAll(Path file, Diagnostics diagnostics) {
    String label = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      diagnostics.add(Diagnostic.error(SourceSpan.file(label), "file not found", "check the path"));
      return List.of();
    } catch (IOException e) {
      diagnostics.add(Diagnostic.error(SourceSpan.file(label), "cannot read file: " + e.getMessage(), null));
      return List.of();
    }
    return readAll(label, text, diagnostics);
  }

  public static List<YNode> readAll(String label, String text, Diagnostics diagnostics) {
    boolean secret = VaultCipher.isVault(text);
    if (secret) {
      // a whole file encrypted with ansible-vault: every value in it is a secret
      try {
        text = VaultKeyring.current().decrypt(text);
      } catch (VaultException e) {
        diagnostics.add(Diagnostic.error(SourceSpan.file(label), "cannot decrypt this file: " + e.getMessage(), e.hint()));
        return List.of();
      }
    }
    LoadSettings settings = LoadSettings.builder().setLabel(label).setUseMarks(true).build();
    List<YNode> documents = new ArrayList<>();
    try {
      for (Node node : new Compose(settings).composeAllFromString(text)) {
        documents.add(convert(label, node, secret, diagnostics));
      }
    } catch (MarkedYamlEngineException e) {
      diagnostics.add(syntaxError(label, text, e));
    } catch (YamlEngineException e) {
      diagnostics.add(Diagnostic.error(SourceSpan.file(label), "invalid YAML: " + e.getMessage(), null));
    }
    return documents;
  }

  /** The first document, or empty (with a diagnostic) when the file has none. */
  public static Optional<YNode> readOne(Path file, Diagnostics diagnostics) {
    int before = diagnostics.size();
    List<YNode> docs = readAll(file, diagnostics);
    if (docs.isEmpty()) {
      if (diagnostics.size() == before) {
        diagnostics.add(
            Diagnostic.error(SourceSpan.file(file.toString()), "the file is empty", "add content, or remove the file"));
      }
      return Optional.empty();
    }
    return Optional.of(docs.get(0));
  }

  private static Diagnostic syntaxError(String label, String text, MarkedYamlEngineException e) {
    Mark mark = e.getProblemMark().orElse(e.getContextMark().orElse(null));
    SourceSpan span = mark == null ? SourceSpan.file(label) : SourceSpan.at(label, mark.getLine() + 1, mark.getColumn() + 1);
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    String hint = null;
    if (problem.contains("\\t") || problem.contains("'\t'") || problem.contains("tab")) {
      problem = "a tab character where YAML expects indentation";
      hint = "YAML indents with spaces only: replace the tab with spaces";
    } else if (e.getContext() != null && e.getContextMark().isPresent() && e.getContextMark().get() != mark) {
      Mark ctx = e.getContextMark().get();
      hint = e.getContext() + " at line " + (ctx.getLine() + 1) + ", column " + (ctx.getColumn() + 1);
      if (problem.contains("expected ',' or ']'") || problem.contains("expected ',' or '}'")) {
        hint = "close the bracket opened at line " + (ctx.getLine() + 1) + ", column " + (ctx.getColumn() + 1);
      }
    }
    return Diagnostic.error(span, "invalid YAML: " + problem, hint);
  }

  private static YNode convert(String label, Node node, boolean secret, Diagnostics diagnostics) {
    SourceSpan span = span(label, node);
    if (node instanceof ScalarNode scalar) {
      if (VAULT_TAG.equals(scalar.getTag().getValue())) {
        return vaultValue(scalar, span, diagnostics);
      }
      if (UNSAFE_TAG.equals(scalar.getTag().getValue()) && hasTemplateMarkers(scalar.getValue())) {
        // Ansible never templates an !unsafe value: as a raw block, rendering gives its text back as it is
        String unsafe = UnsafeText.of(scalar.getValue());
        if (unsafe == null) {
          diagnostics.add(Diagnostic.warning(span, "`!unsafe` around a text holding `endraw` is not supported yet:"
              + " this value is templated like any other", "write the braces as a Jinja string, e.g. \"{{ '{{' }}\""));
        } else {
          return new YScalar(unsafe, false, span);
        }
      }
      // in an encrypted file the strings are secrets; true, 8080 and null are not worth masking everywhere
      if (secret && (!scalar.isPlain() || ScalarTypes.resolve(scalar.getValue()) instanceof String)) {
        VaultKeyring.current().reveal(scalar.getValue());
      }
      return new YScalar(scalar.getValue(), scalar.isPlain(), span);
    }
    if (node instanceof SequenceNode seq) {
      List<YNode> items = new ArrayList<>();
      for (Node item : seq.getValue()) {
        items.add(convert(label, item, secret, diagnostics));
      }
      return new YSeq(items, span);
    }
    MappingNode map = (MappingNode) node;
    Map<String, YNode> entries = new LinkedHashMap<>();
    Map<String, SourceSpan> keys = new LinkedHashMap<>();
    java.util.Set<String> merged = new java.util.HashSet<>();
    for (NodeTuple tuple : map.getValue()) {
      Node keyNode = tuple.getKeyNode();
      SourceSpan keySpan = span(label, keyNode);
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        diagnostics.error(keySpan, "a mapping key must be a plain string", "quote the key");
        continue;
      }
      String key = keyScalar.getValue();
      YNode value = convert(label, tuple.getValueNode(), secret, diagnostics);
      if (key.equals("<<") && keyScalar.isPlain()) {
        mergeInto(entries, keys, merged, value, keySpan, diagnostics);
        continue;
      }
      if (entries.containsKey(key) && !merged.remove(key)) {
        // Ansible warns and keeps the last value (its default, DUPLICATE_YAML_DICT_KEY=warn); so does this
        SourceSpan first = keys.get(key);
        diagnostics.add(dev.provision.diag.Diagnostic.warning(
            keySpan,
            "duplicate key `" + key + "`: the last value is used, as Ansible does",
            "`" + key + "` is already set at line " + first.line() + ", column " + first.column() + "; remove one of them"));
      }
      entries.put(key, value);
      keys.put(key, keySpan);
    }
    return new YMap(entries, keys, span);
  }

  private static final String VAULT_TAG = "!vault";
  private static final String UNSAFE_TAG = "!unsafe";

  private static boolean hasTemplateMarkers(String text) {
    return text.contains("{{") || text.contains("{%") || text.contains("{#");
  }

  /** A {@code !vault |} value (ansible-vault encrypt_string): its plaintext, a string, and a secret. */
  private static YNode vaultValue(ScalarNode scalar, SourceSpan span, Diagnostics diagnostics) {
    try {
      String plaintext = VaultKeyring.current().decrypt(scalar.getValue());
      return new YScalar(plaintext, false, span);
    } catch (VaultException e) {
      diagnostics.error(span, "cannot decrypt this !vault value: " + e.getMessage(), e.hint());
      return new YScalar("", false, span);
    }
  }

  /** YAML merge keys ({@code <<: *defaults}): merged entries never override explicit ones. */
  private static void mergeInto(
      Map<String, YNode> entries, Map<String, SourceSpan> keys, java.util.Set<String> merged, YNode value, SourceSpan span, Diagnostics diagnostics) {
    List<YNode> sources = value instanceof YSeq seq ? seq.items() : List.of(value);
    for (YNode source : sources) {
      if (!(source instanceof YMap m)) {
        diagnostics.error(span, "a merge key (<<) needs a mapping or a list of mappings", null);
        continue;
      }
      m.entries().forEach((k, v) -> {
        if (!entries.containsKey(k)) {
          entries.put(k, v);
          keys.put(k, m.keySpan(k));
          merged.add(k);
        }
      });
    }
  }

  private static SourceSpan span(String label, Node node) {
    Optional<Mark> start = node.getStartMark();
    if (start.isEmpty()) {
      return SourceSpan.file(label);
    }
    Mark s = start.get();
    Mark e = node.getEndMark().orElse(s);
    return new SourceSpan(label, s.getLine() + 1, s.getColumn() + 1, e.getLine() + 1, e.getColumn() + 1);
  }
}
