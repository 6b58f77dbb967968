package dev.provision.lab;

import dev.provision.lab.kube.KubeStack;
import dev.provision.lab.layout.LabLayout;
import dev.provision.lab.mirror.ReleaseMirror;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** {@code provision lab down}: stops what the lab started, by its recorded PIDs, and removes .lab/ and inventory/lab/. */
final class LabDown {

  private LabDown() {}

  static int run(LabLayout layout, PrintWriter out) throws IOException {
    new Simulators(layout).down(out);
    new KubeStack(layout).down(out);
    new ReleaseMirror(layout).down(out);
    new LabSshHosts(layout).down(out);
    deleteTree(layout.inventory());
    deleteTree(layout.state());
    out.println("provision lab: down; removed " + layout.state() + " and " + layout.inventory());
    return 0;
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
