package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.text.PythonRegex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lineinfile}: one line present (added, or put in place of the line a {@code regexp} or
 * {@code search_string} finds) or absent. The whole file is read with one command, the edit is
 * {@link LineInFile} (Ansible's algorithm) on that text, and the new text is one atomic write, so
 * the plan shows exactly the lines the apply writes.
 */
public final class LineInFileModule implements Module {

  private static final ParamSchema SCHEMA = EditedFile.common(ParamSchema.builder()
      .summary("Ensures one line is in a file (added, or in place of the line a regexp finds) or absent, with Ansible's algorithm.")
      .note("Ansible's algorithm step for step, on the whole file (any size; read in one command), then one atomic write, so the plan's diff is the apply's file. Regular expressions are Python's ((?P<name>...), \\1 and \\g<name> with backrefs). A file that is not UTF-8 text is refused rather than rewritten; create also makes missing directories.")
      .example("""
          - name: no root login
            lineinfile: {path: /etc/ssh/sshd_config, regexp: "^#?PermitRootLogin", line: "PermitRootLogin no"}
            become: true
          """))
      .param(Param.string("regexp").aliases("regex")
          .describedAs("a Python regular expression searched in each line; the last match is replaced (or removed)"))
      .param(Param.string("search_string").describedAs("a literal string searched in each line, instead of regexp"))
      .param(Param.string("line").aliases("value").describedAs("the line (with backrefs: \\1 and \\g<name> are filled)"))
      .param(Param.bool("backrefs").defaultsTo(false)
          .describedAs("fill the line from the regexp's groups; no match changes nothing"))
      .param(Param.string("insertafter").describedAs("EOF (the default), or a regexp: insert after its last match"))
      .param(Param.string("insertbefore").describedAs("BOF, or a regexp: insert before its last match"))
      .param(Param.bool("firstmatch").defaultsTo(false).describedAs("use the first match of regexp or insertafter/insertbefore"))
      .mutuallyExclusive("insertafter", "insertbefore")
      .mutuallyExclusive("regexp", "search_string")
      .mutuallyExclusive("backrefs", "search_string")
      .build();

  @Override
  public String name() {
    return "lineinfile";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("lineinfile");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    boolean present = params.stringOr("state", "present").equals("present");
    String regexp = params.optString("regexp").orElse(null);
    String search = params.optString("search_string").orElse(null);
    String line = params.optString("line").orElse(null);
    if (present && line == null) {
      throw new ModuleException("line is required with state=present");
    }
    if (!present && line == null && regexp == null && search == null) {
      throw new ModuleException("one of line, regexp or search_string is required with state=absent");
    }
    if (params.bool("backrefs") && regexp == null) {
      throw new ModuleException("regexp is required with backrefs=true");
    }
    if (regexp != null && regexp.isEmpty() || search != null && search.isEmpty()) {
      throw new ModuleException("an empty regexp or search_string would match every line; give the text to find");
    }
    LineInFile.Spec spec = new LineInFile.Spec(regexp == null ? null : PythonRegex.compile("regexp", regexp), search,
        line, params.bool("backrefs"), params.optString("insertafter").orElse(null),
        params.optString("insertbefore").orElse(null), params.bool("firstmatch"));

    EditedFile file = EditedFile.read(name(), params, host);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("path", file.path().text());
    if (!file.exists()) {
      if (!present) {
        return Plan.noop("file " + file.path() + " is not present", result);
      }
      if (!params.bool("create")) {
        throw new ModuleException("file " + file.path() + " does not exist; create: true creates it");
      }
      if (params.bool("backrefs")) {
        return Plan.noop("file " + file.path() + " does not exist and backrefs needs a matching line", result);
      }
    }
    String text = file.exists() ? file.text() : "";
    LineInFile.Outcome outcome = present ? LineInFile.present(text, spec) : LineInFile.absent(text, spec);
    if (!present) {
      result.put("found", (long) outcome.removed());
    }
    String subject = file.path().toString();
    String change = switch (outcome.what() == null ? "" : outcome.what()) {
      case "added" -> (file.exists() ? "add a line to " : "create ") + subject
          + (file.exists() ? "" : " with one line");
      case "replaced" -> "replace a line in " + subject;
      case "removed" -> "remove " + outcome.removed() + (outcome.removed() == 1 ? " line" : " lines") + " from "
          + subject;
      default -> "update " + subject;
    };
    String noop = present ? "file " + subject + " already has the line" : "file " + subject + " has no such line";
    return file.write(params, outcome.text()).plan(file.file(), change, noop, result);
  }
}
