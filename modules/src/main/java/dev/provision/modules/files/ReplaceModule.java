package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code replace}: every match of a regular expression in a file (or in the part of it between
 * {@code after} and {@code before}) replaced. The file is read whole once, edited by {@link Replace}
 * (Ansible's algorithm) and written atomically, so the plan's diff is what the apply writes.
 */
public final class ReplaceModule implements Module {

  private static final ParamSchema SCHEMA = EditedFile.existing(ParamSchema.builder()
      .summary("Replaces every match of a regular expression in a file, or in the part between two others, with Ansible's algorithm.")
      .note("Python's re.subn with MULTILINE (^ and $ at each line), as Ansible; the replacement is a Python template (\\1, \\g<name>). after/before select a section with DOTALL (. matches newlines). A missing file fails, as in Ansible; a file that is not UTF-8 text is refused, and so is a symbolic link (Ansible edits its target).")
      .example("""
          - name: no swap in fstab
            replace:
              path: /etc/fstab
              regexp: '^([^#].*\\sswap\\s.*)$'
              replace: '# \\1'
            become: true
          """))
      .param(Param.string("regexp").required()
          .describedAs("a Python regular expression, searched with MULTILINE; every match is replaced"))
      .param(Param.string("replace").defaultsTo("")
          .describedAs("what each match becomes (\\1, \\g<name> are its groups); empty removes the matches"))
      .param(Param.string("after").describedAs("a regular expression: only text after its first match is edited"))
      .param(Param.string("before").describedAs("a regular expression: only text before its last match is edited"))
      .param(Param.string("encoding").defaultsTo("utf-8").describedAs("utf-8 only (other encodings are not supported yet)"))
      .build();

  @Override
  public String name() {
    return "replace";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("replace");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String encoding = params.stringOr("encoding", "utf-8");
    if (!encoding.equalsIgnoreCase("utf-8") && !encoding.equalsIgnoreCase("utf8")) {
      throw new ModuleException("encoding `" + encoding + "` is not supported yet: replace edits UTF-8 text only");
    }
    String regexp = params.string("regexp");
    if (regexp.isEmpty()) {
      throw new ModuleException("an empty regexp matches everywhere; give the text to replace");
    }
    EditedFile file = EditedFile.read(name(), params, host);
    String subject = file.path().toString();
    if (!file.exists()) {
      throw new ModuleException("file " + subject + " does not exist; replace edits an existing file");
    }
    Replace.Outcome outcome = Replace.apply(file.text(), regexp, params.stringOr("replace", ""),
        params.optString("after").orElse(null), params.optString("before").orElse(null));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("path", file.path().text());
    result.put("rc", 0L);
    if (!outcome.sectionFound()) {
      return Plan.noop("after/before did not match in " + subject + " (" + outcome.sectionPattern() + ")", result);
    }
    boolean changed = outcome.changed(file.text());
    String text = changed ? outcome.text() : file.text();
    String change = "make " + outcome.count() + (outcome.count() == 1 ? " replacement" : " replacements") + " in " + subject;
    String noop = outcome.count() == 0 ? "no match in " + subject : "file " + subject + " already reads so";
    return file.write(params, text).plan(file.file(), change, noop, result);
  }
}
