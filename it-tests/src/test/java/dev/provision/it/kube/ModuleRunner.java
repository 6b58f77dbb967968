package dev.provision.it.kube;

import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A {@link KubeModuleRunner} bound to one module, for the tests that run only that one. */
final class ModuleRunner {

  private final Module module;
  private final KubeModuleRunner runner;

  ModuleRunner(Module module, Path kubeconfig) {
    this.module = module;
    this.runner = new KubeModuleRunner(kubeconfig);
  }

  KubeModuleRunner.Outcome plan(Map<String, Object> args) throws ModuleException {
    return runner.plan(module, args);
  }

  KubeModuleRunner.Outcome planAfterChanges(Map<String, Object> args) throws ModuleException {
    return runner.planAfterChanges(module, args);
  }

  KubeModuleRunner.Outcome apply(Map<String, Object> args) throws ModuleException {
    return runner.apply(module, args);
  }

  /** Every progress line reported so far, in order. */
  List<String> progress() {
    return runner.progress();
  }
}
