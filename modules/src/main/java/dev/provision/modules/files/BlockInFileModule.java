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
 * {@code blockinfile}: a block of lines between two marker lines, present (inserted or replaced) or
 * absent. Reads the whole file once, edits it with {@link BlockInFile} (Ansible's algorithm) and writes
 * the new text atomically, so the plan's diff is exactly what the apply writes.
 */
public final class BlockInFileModule implements Module {

  private static final ParamSchema SCHEMA = EditedFile.common(ParamSchema.builder()
      .summary("Ensures a block of lines between two marker lines is in a file, or absent.")
      .note("Ansible's algorithm on the whole file, as lineinfile. An empty block removes the block and its markers. Difference from Ansible: state absent on a missing file is ok (Ansible fails unless create).")
      .example("""
          - name: lab hosts
            blockinfile:
              path: /etc/hosts
              block: |
                10.0.0.5 db
                10.0.0.6 web
            become: true
          """))
      .param(Param.string("block").aliases("content").defaultsTo("")
          .describedAs("the lines between the markers; empty removes the block"))
      .param(Param.string("marker").defaultsTo("# {mark} ANSIBLE MANAGED BLOCK")
          .describedAs("the marker line; {mark} becomes marker_begin or marker_end"))
      .param(Param.string("marker_begin").defaultsTo("BEGIN").describedAs("replaces {mark} in the first marker line"))
      .param(Param.string("marker_end").defaultsTo("END").describedAs("replaces {mark} in the last marker line"))
      .param(Param.string("insertafter").describedAs("EOF (the default), or a regexp: insert after its last match"))
      .param(Param.string("insertbefore").describedAs("BOF, or a regexp: insert before its last match"))
      .param(Param.bool("append_newline").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.bool("prepend_newline").notSupportedYet(null).describedAs("not supported yet"))
      .mutuallyExclusive("insertafter", "insertbefore")
      .build();

  @Override
  public String name() {
    return "blockinfile";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("blockinfile");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    boolean present = params.stringOr("state", "present").equals("present");
    String marker = params.stringOr("marker", "# {mark} ANSIBLE MANAGED BLOCK");
    if (marker.indexOf('\n') >= 0) {
      throw new ModuleException("marker must be one line");
    }
    String block = present ? params.stringOr("block", "") : "";
    BlockInFile.Spec spec = new BlockInFile.Spec(marker.replace("{mark}", params.stringOr("marker_begin", "BEGIN")),
        marker.replace("{mark}", params.stringOr("marker_end", "END")), block,
        params.optString("insertafter").orElse(null), params.optString("insertbefore").orElse(null));

    EditedFile file = EditedFile.read(name(), params, host);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("path", file.path().text());
    String subject = file.path().toString();
    if (!file.exists()) {
      if (block.isEmpty()) {
        return Plan.noop("file " + subject + " is not present", result);
      }
      if (!params.bool("create")) {
        throw new ModuleException("file " + subject + " does not exist; create: true creates it");
      }
    }
    String before = file.exists() ? file.text() : "";
    String after = BlockInFile.apply(before, spec);
    String change = !file.exists() ? "create " + subject + " with the block"
        : block.isEmpty() ? "remove the block from " + subject
        : before.contains(spec.beginMarker() + "\n") && before.contains(spec.endMarker() + "\n")
            ? "replace the block in " + subject : "insert the block into " + subject;
    String noop = block.isEmpty() ? "file " + subject + " has no such block" : "file " + subject + " already has the block";
    return file.write(params, after).plan(file.file(), change, noop, result);
  }
}
