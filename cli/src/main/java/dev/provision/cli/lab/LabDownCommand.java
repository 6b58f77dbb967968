package dev.provision.cli.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code provision lab down}: stops what the lab started, by its recorded PIDs, and removes .lab/ and inventory/lab/. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop everything the lab started (by the PIDs it recorded) and remove .lab/ and inventory/lab/.")
final class LabDownCommand implements Callable<Integer> {

  @ParentCommand LabCommand lab;

  @Override
  public Integer call() {
    return lab.guarded(layout -> {
      PrintWriter out = lab.out();
      new Simulators(layout).down(out);
      new KubeStack(layout).down(out);
      new ReleaseMirror(layout).down(out);
      new LabSshHosts(layout, out).down(out);
      deleteTree(layout.inventory());
      deleteTree(layout.state());
      out.println("provision lab: down; removed " + layout.state() + " and " + layout.inventory());
      return 0;
    });
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
