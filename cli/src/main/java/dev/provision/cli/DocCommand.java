package dev.provision.cli;

import dev.provision.cli.doc.ModuleReference;
import dev.provision.diag.Suggestions;
import dev.provision.module.Module;
import dev.provision.module.ModuleRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision doc [MODULE]}: the module reference, from each module's schema: the list of
 * modules, or one module's parameters, what it registers and examples. {@code --markdown} prints
 * the generated part of docs/modules.md, and {@code --update FILE} rewrites it in place.
 */
@Command(
    name = "doc",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Shows the built-in modules, or one module's parameters, types, defaults, choices and examples.")
final class DocCommand implements Callable<Integer> {

  @ParentCommand ProvisionCommand parent;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MODULE", description = "A module, e.g. kube_wait.")
  String module;

  @Option(names = "--markdown", description = "Print the reference of every module as Markdown (docs/modules.md).")
  boolean markdown;

  @Option(names = "--update", paramLabel = "FILE",
      description = "Rewrite the generated part of FILE (e.g. docs/modules.md) with the reference.")
  Path update;

  @Override
  public Integer call() throws Exception {
    List<Module> modules = modules();
    if (update != null) {
      String document = Files.readString(update, StandardCharsets.UTF_8);
      try {
        Files.writeString(update, ModuleReference.replaceGenerated(document, ModuleReference.markdown(modules)),
            StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new CliErrors.UserError(update + ": " + e.getMessage());
      }
      parent.out().println(update + ": the reference of " + modules.size() + " modules is up to date");
      return 0;
    }
    if (markdown) {
      parent.out().print(ModuleReference.markdown(modules));
      return 0;
    }
    if (module == null) {
      parent.out().print(ModuleReference.list(modules));
      return 0;
    }
    Module found = modules.stream().filter(m -> m.name().equals(module)).findFirst().orElseThrow(() -> {
      List<String> names = modules.stream().map(Module::name).toList();
      String hint = Suggestions.didYouMean(module, names);
      return new CliErrors.UserError("no module `" + module + "`" + (hint != null ? "; " + hint
          : "; modules: " + String.join(", ", names)));
    });
    parent.out().print(ModuleReference.text(found));
    return 0;
  }

  /** Every built-in module, by name. */
  static List<Module> modules() {
    ModuleRegistry registry = ModuleRegistry.load();
    List<Module> modules = new ArrayList<>();
    registry.names().forEach(name -> registry.find(name).ifPresent(modules::add)); // names are sorted
    return modules;
  }
}
