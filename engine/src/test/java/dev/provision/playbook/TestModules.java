package dev.provision.playbook;

import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleRegistry;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.List;

/**
 * Modules with the schemas of the built-in ones, for parser tests: the engine must not depend on
 * the modules project. They never run.
 */
final class TestModules {

  private TestModules() {}

  record SchemaOnly(String name, ParamSchema schema) implements Module {
    @Override
    public Plan plan(Params params, HostContext host) {
      throw new UnsupportedOperationException("test module " + name + " only has a schema");
    }
  }

  static ModuleRegistry registry() {
    ParamSchema command = ParamSchema.builder()
        .param(Param.string("cmd").required())
        .param(Param.string("creates"))
        .param(Param.string("removes"))
        .param(Param.string("chdir"))
        .param(Param.map("env"))
        .freeForm("cmd")
        .build();
    ParamSchema copy = ParamSchema.builder()
        .param(Param.string("content"))
        .param(Param.string("src"))
        .param(Param.string("dest").required())
        .param(Param.string("mode"))
        .param(Param.string("owner"))
        .mutuallyExclusive("content", "src")
        .requiredOneOf("content", "src")
        .build();
    ParamSchema file = ParamSchema.builder()
        .param(Param.string("path").required().aliases("dest", "name"))
        .param(Param.string("state").choices("file", "directory", "absent", "link", "touch").defaultsTo("file"))
        .param(Param.string("src"))
        .param(Param.string("mode"))
        .build();
    ParamSchema setFact = ParamSchema.builder().param(Param.bool("cacheable").defaultsTo(false)).definesVariables()
        .build();
    ParamSchema debug = ParamSchema.builder()
        .param(Param.any("msg"))
        .param(Param.string("var").expression())
        .mutuallyExclusive("msg", "var")
        .build();
    ParamSchema assertion = ParamSchema.builder()
        .param(Param.list("that").required().expression())
        .param(Param.string("fail_msg"))
        .build();
    ParamSchema httpGet = ParamSchema.builder()
        .param(Param.string("url").required())
        .param(Param.integer("status_code").defaultsTo(200L))
        .param(Param.bool("validate_certs").defaultsTo(true))
        .build();
    return new ModuleRegistry(List.of(
        new SchemaOnly("command", command),
        new SchemaOnly("shell", command),
        new SchemaOnly("copy", copy),
        new SchemaOnly("file", file),
        new SchemaOnly("set_fact", setFact),
        new SchemaOnly("debug", debug),
        new SchemaOnly("assert", assertion),
        new SchemaOnly("http_get", httpGet)));
  }
}
