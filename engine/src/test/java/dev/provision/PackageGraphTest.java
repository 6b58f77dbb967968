package dev.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package graph of the whole repository (every {@code *}{@code /src/main/java} tree: engine,
 * modules, cli, lab) is the one written in docs/architecture.md, "Package rules": each package uses
 * only the packages its row allows, never the classes its row forbids, lives in its row's Maven
 * module, and the allowed arrows have no cycle. The table is the only place the arrows are written.
 */
class PackageGraphTest {

  @TempDir
  Path scratch;

  @Test
  void everyPackageOfTheRepositoryUsesOnlyWhatTheArchitectureAllows() throws IOException {
    Path root = PackageRules.repositoryRoot();
    PackageRules rules = PackageRules.parse(Files.readString(root.resolve("docs/architecture.md")));
    assertThat(rules.check(root)).as("package rules of docs/architecture.md").isEmpty();
  }

  @Test
  void theAllowedArrowsHaveNoCycleExceptBetweenAPackageAndItsOwnSubpackage() throws IOException {
    Path root = PackageRules.repositoryRoot();
    PackageRules rules = PackageRules.parse(Files.readString(root.resolve("docs/architecture.md")));
    assertThat(rules.cycles()).isEmpty();
  }

  @Test
  void theTableCoversTheRulesTheDocumentStates() throws IOException {
    PackageRules rules = PackageRules.parse(Files.readString(PackageRules.repositoryRoot()
        .resolve("docs/architecture.md")));
    assertThat(rules.allowed("modules.kube")).containsExactlyInAnyOrder("module", "connection", "diag", "json", "yaml",
        "modules..");
    assertThat(rules.allowed("lab.sim")).containsExactly("lab..");
    assertThat(rules.never("modules.files")).containsExactly("module.Mode");
  }

  /** The checker itself finds what it must: a forbidden arrow, a forbidden class, a stale exception. */
  @Test
  void theCheckerReportsForbiddenArrowsAndClassesUnknownAndMisplacedPackagesAndStaleExceptions() throws IOException {
    String doc = """
        | package | Maven module | what | may import | never |
        |---|---|---|---|---|
        | `module` | engine | SPI | — | |
        | `template` | engine | Jinja | — | |
        | `modules..` | modules | built-ins | `module`, `modules..` | `module.Mode` |
        | `lab..` | lab | the lab | `lab..` | |

        | package or class | uses | why it is here |
        |---|---|---|
        | `modules.kube.Known` | `template` | tracked |
        | `modules.gone` | `template` | fixed long ago |
        """;
    write("engine/src/main/java/dev/provision/module/Mode.java", "package dev.provision.module;\nenum Mode {}\n");
    write("engine/src/main/java/dev/provision/template/T.java", "package dev.provision.template;\nclass T {}\n");
    write("modules/src/main/java/dev/provision/modules/kube/Known.java",
        "package dev.provision.modules.kube;\nimport dev.provision.template.T;\nclass Known {}\n");
    write("modules/src/main/java/dev/provision/modules/kube/Bad.java", """
        package dev.provision.modules.kube;
        // dev.provision.lab.x.InAComment is no use
        class Bad { String s = "dev.provision.lab.x.InAString"; Object t = new dev.provision.template.T();
          Object m = dev.provision.module.Mode.class; }
        """);
    write("lab/src/main/java/dev/provision/lab/Up.java",
        "package dev.provision.lab;\nimport dev.provision.modules.kube.Bad;\nclass Up {}\n");
    write("lab/src/main/java/dev/provision/cli/Stray.java", "package dev.provision.cli;\nclass Stray {}\n");
    write("modules/src/main/java/dev/provision/template/Misplaced.java", "package dev.provision.template;\nclass M {}\n");

    List<String> found = PackageRules.parse(doc).check(scratch);

    assertThat(found).containsExactlyInAnyOrder(
        "modules.kube.Bad uses template.T: modules.kube may use only module, modules..",
        "modules.kube.Bad uses module.Mode, which modules.kube must never use",
        "lab.Up uses modules.kube.Bad: lab may use only lab..",
        "cli (lab/src/main/java) has no row in the table: add it",
        "template (modules/src/main/java) belongs in engine, says its row",
        "known violation `modules.gone` -> `template` no longer occurs: remove its row");
  }

  private void write(String path, String text) throws IOException {
    Path file = scratch.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
