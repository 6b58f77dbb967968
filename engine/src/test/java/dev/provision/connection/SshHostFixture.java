package dev.provision.connection;

import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLab;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real sshd host and an open ssh connection to it, for one test class
 * ({@code @RegisterExtension static final}): started before the class's own {@code @BeforeAll}, the
 * connection and the lab closed after its last test. The set-up each module's over-ssh test needs.
 */
public final class SshHostFixture implements BeforeAllCallback, AfterAllCallback {

  private final String baseAddress;
  private SshLab lab;
  private Connection connection;

  private SshHostFixture(String baseAddress) {
    this.baseAddress = baseAddress;
  }

  /** A host on {@code baseAddress} (127.0.x.y, one test range per class). */
  public static SshHostFixture on(String baseAddress) {
    return new SshHostFixture(baseAddress);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    lab = SshLab.builder().hosts(1).baseAddress(baseAddress).start();
    connection = new DefaultConnectionFactory().open(LabSpecs.of(lab.host(0)));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (connection != null) {
      connection.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  public LabHost host() {
    return lab.host(0);
  }

  public Connection connection() {
    return connection;
  }
}
