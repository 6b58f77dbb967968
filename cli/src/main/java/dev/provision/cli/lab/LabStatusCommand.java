package dev.provision.cli.lab;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code provision lab status}: every component with its address and PID; exit 0 only when all run. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show every lab component (address, pid, running or not). Exit 0 when all run, else 1.")
final class LabStatusCommand implements Callable<Integer> {

  @ParentCommand LabCommand lab;

  @Override
  public Integer call() {
    return lab.guarded(layout -> {
      PrintWriter out = lab.out();
      if (!Files.isDirectory(layout.state().resolve("hosts"))) {
        out.println("provision lab: not running (no " + layout.state().resolve("hosts") + "); start it with: ./provision lab up");
        return 1;
      }
      out.println("provision lab: " + layout.state());
      boolean up = new LabSshHosts(layout, out).status(out);
      up &= new ReleaseMirror(layout).status(out);
      up &= new KubeStack(layout).status(out);
      up &= new Simulators(layout).status(out);
      out.println("  inventory  " + (Files.isRegularFile(layout.inventory().resolve("hosts.yaml"))
          ? layout.repo().relativize(layout.inventory()) + "/" : "missing"));
      out.println(up ? "provision lab: all running (" + Simulators.NOTICE + ")"
          : "provision lab: some parts are down; ./provision lab up starts them again");
      return up ? 0 : 1;
    });
  }
}
