package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.doc.ModuleReference;
import dev.provision.diag.DiagnosticsException;
import dev.provision.module.Module;
import dev.provision.module.ModuleRegistry;
import dev.provision.module.Param;
import dev.provision.playbook.PlaybookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module reference comes from the modules' schemas, in one place: {@code provision doc},
 * and docs/modules.md, which must be what {@code provision doc --markdown} prints.
 */
class ModuleDocsTest {

  private static final Path DOC = Path.of("..", "docs", "modules.md");

  @TempDir Path dir;

  @Test
  void docsModulesMdHoldsTheReferenceTheSchemasMakeNow() throws Exception {
    String document = Files.readString(DOC);
    String generated = MainTest.run("doc", "--markdown").out();
    assertThat(document).as("docs/modules.md is stale: run ./provision doc --update docs/modules.md")
        .isEqualTo(ModuleReference.replaceGenerated(document, generated));
    assertThat(document).contains(generated.strip());
    for (String name : ModuleRegistry.load().names()) {
      assertThat(document).contains("### " + name + "\n");
    }
  }

  @Test
  void updateRewritesOnlyTheGeneratedPart() throws Exception {
    Path copy = Files.writeString(dir.resolve("modules.md"), "# mine\n\nkept\n\n" + ModuleReference.BEGIN
        + "\nold text\n" + ModuleReference.END + "\n\n## also mine\n");
    assertThat(MainTest.run("doc", "--update", copy.toString()).code()).isZero();
    String updated = Files.readString(copy);
    assertThat(updated).startsWith("# mine\n\nkept\n\n" + ModuleReference.BEGIN).endsWith(ModuleReference.END
        + "\n\n## also mine\n").doesNotContain("old text").contains("### kube_wait");
  }

  @Test
  void everyModuleDocumentsItselfWithExamplesThatAreValidTasks() throws Exception {
    ModuleRegistry registry = ModuleRegistry.load();
    assertThat(registry.names()).hasSizeGreaterThanOrEqualTo(16);
    for (String name : registry.names()) {
      Module m = registry.find(name).orElseThrow();
      assertThat(m.schema().summary()).as(name + " summary").isNotBlank();
      assertThat(m.schema().examples()).as(name + " examples").isNotEmpty();
      for (Param p : m.schema().params().values()) {
        assertThat(p.description()).as(name + "." + p.name() + " description").isNotBlank();
      }
      for (String example : m.schema().examples()) {
        Path book = Files.writeString(dir.resolve(name + ".yaml"),
            "- hosts: all\n  tasks:\n" + example.indent(4));
        try {
          new PlaybookLoader(registry).load(book);
        } catch (DiagnosticsException e) {
          throw new AssertionError("the example of " + name + " is not a valid task:\n" + example + "\n"
              + e.getMessage(), e);
        }
        assertThat(example).as(name + " example uses the module").contains(name + ":");
      }
    }
  }

  @Test
  void docPrintsAModulesParametersTypesDefaultsChoicesAndAnExample() {
    MainTest.Result r = MainTest.run("doc", "kube_wait");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("kube_wait: Waits until objects are ready")
        .contains("  for (string, one of ready, exists, absent)\n      ready (the default), exists, or absent")
        .contains("  min (int, default 1)\n")
        .contains("  namespace (string)\n")
        .contains("Registers:\n  state ")
        .contains("Example:\n  - name: wait for the virt-operator pods\n    kube_wait:");
    MainTest.Result list = MainTest.run("doc");
    for (String name : List.of("command", "shell", "copy", "file", "http_get", "get_url", "set_fact", "assert",
        "debug", "package", "host_validate", "kube_apply", "kube_patch", "kube_info", "kube_wait", "kube_vm")) {
      assertThat(list.out()).containsPattern("(?m)^" + name + " +\\S");
    }
    MainTest.Result typo = MainTest.run("doc", "kube_wiat");
    assertThat(typo.code()).isEqualTo(1);
    assertThat(typo.err()).contains("no module `kube_wiat`; did you mean `kube_wait`?");
  }
}
