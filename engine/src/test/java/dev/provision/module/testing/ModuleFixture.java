package dev.provision.module.testing;

import dev.provision.yaml.YMap;
import java.nio.file.Path;

/**
 * One fixture file: {@code fixtures/<module>/<case>.yaml}. The module is the folder name unless
 * the file says {@code module:}. See {@link ModuleFixtures} for the keys.
 */
public record ModuleFixture(Path file, String module, YMap spec) {

  public String caseName() {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  @Override
  public String toString() {
    return module + "/" + caseName();
  }
}
