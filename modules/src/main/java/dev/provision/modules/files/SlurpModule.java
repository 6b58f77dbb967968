package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.module.PlannedWrite;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code slurp}: a host file's content, base64-encoded, for {@code register} ({@code | b64decode}).
 * Read-only, so always ok. In a plan, a file an earlier task of the plan writes is read as that task
 * plans it ({@link HostContext#plannedWrite}), or known only after apply.
 */
public final class SlurpModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Reads a file on the host and returns its content base64-encoded (content, encoding, source).")
      .note("Any bytes, any size (held in memory). Never a change. Fails as Ansible does: file not found, not readable, a directory.")
      .example("""
          - name: the join token
            slurp: {src: /var/lib/k3s/server/node-token}
            register: token
            become: true
          - debug: {msg: "{{ token.content | b64decode }}"}
          """)
      .param(Param.string("src").required().aliases("path").describedAs("absolute path of the file on the host"))
      .build();

  @Override
  public String name() {
    return "slurp";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("slurp");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    RemotePath src = RemotePath.of("src", params.string("src"));
    Optional<PlannedWrite> planned = host.plannedWrite(src.text());
    byte[] bytes;
    if (planned.isPresent()) {
      if (!planned.get().contentKnown()) {
        throw host.knownAfterApply("task `" + planned.get().by() + "` of this plan writes " + src
            + " first, with content known only after apply");
      }
      bytes = planned.get().content();
    } else {
      bytes = host.fact(new SlurpFact(src));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("content", Base64.getEncoder().encodeToString(bytes));
    result.put("encoding", "base64");
    result.put("source", src.text());
    return Plan.noop("read " + src + " (" + bytes.length + " bytes)", result);
  }
}
