package dev.provision.lab.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link SshLab} for one test class ({@code @RegisterExtension static final}): started before its
 * tests, with an inventory file written for it, and stopped after them.
 */
public final class SshLabFixture implements BeforeAllCallback, AfterAllCallback {

  private final SshLab.Builder builder;
  private SshLab lab;
  private Path dir;
  private Path inventory;

  private SshLabFixture(SshLab.Builder builder) {
    this.builder = builder;
  }

  /** {@code hosts} sshd hosts from {@code baseAddress} on (127.0.x.y, one test range per class). */
  public static SshLabFixture of(int hosts, String baseAddress) {
    return new SshLabFixture(SshLab.builder().hosts(hosts).baseAddress(baseAddress));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("provision-lab-");
    lab = builder.start();
    inventory = lab.writeInventory(dir.resolve("hosts.yaml"));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (lab != null) {
      lab.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public SshLab lab() {
    return lab;
  }

  /** The inventory file; {@code group_vars/} may be written beside it. */
  public Path inventory() {
    return inventory;
  }
}
