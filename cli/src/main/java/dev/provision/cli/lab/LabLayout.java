package dev.provision.cli.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the lab keeps things: sources in the repository ({@code lab/}), state in {@code .lab/}
 * (git-ignored, removed by {@code lab down}) and the inventory it writes in {@code inventory/lab/}.
 */
public record LabLayout(Path repo) {

  /** The three hosts of the guide, each on its own loopback address. */
  public static final List<LabHostSpec> HOSTS = List.of(
      new LabHostSpec("controller", "127.0.2.1", "controller"),
      new LabHostSpec("worker01", "127.0.2.2", "workers"),
      new LabHostSpec("worker02", "127.0.2.3", "workers"));

  public LabLayout {
    repo = repo.toAbsolutePath().normalize();
  }

  /**
   * The repository holding {@code lab/kube/apiserver.sh}: found from where this code was loaded
   * ({@code cli/target/...}), else from the working directory upwards.
   */
  public static Optional<LabLayout> locate() {
    try {
      Path code = Path.of(LabLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Optional<LabLayout> fromCode = upwards(code);
      if (fromCode.isPresent()) {
        return fromCode;
      }
    } catch (Exception e) {
      // No usable code source (unusual class loader): the working directory decides.
    }
    return upwards(Path.of("").toAbsolutePath());
  }

  private static Optional<LabLayout> upwards(Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("lab/kube/apiserver.sh")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return Optional.of(new LabLayout(p));
      }
    }
    return Optional.empty();
  }

  public Path state() {
    return repo.resolve(".lab");
  }

  public Path sources() {
    return repo.resolve("lab");
  }

  public Path inventory() {
    return repo.resolve("inventory/lab");
  }

  public Path ssh() {
    return state().resolve("ssh");
  }

  public Path clientKey() {
    return ssh().resolve("id_ed25519");
  }

  public Path knownHosts() {
    return ssh().resolve("known_hosts");
  }

  public Path authorizedKeys() {
    return ssh().resolve("authorized_keys");
  }

  public Path host(String name) {
    return state().resolve("hosts").resolve(name);
  }

  /** The host's data directory: its root for the files the playbook writes and the packages dnf installs. */
  public Path hostRoot(String name) {
    return host(name).resolve("sysroot");
  }

  /** The login user's HOME on the host: {@code /root} inside its root. */
  public Path hostHome(String name) {
    return hostRoot(name).resolve("root");
  }

  public Path rpmRepo() {
    return state().resolve("rpm-repo");
  }

  public Path mirror() {
    return state().resolve("mirror");
  }

  public Path kube() {
    return state().resolve("kube");
  }

  public Path kubeconfig() {
    return kube().resolve("kubeconfig");
  }

  public Path simulatorsPid() {
    return state().resolve("simulators.pid");
  }

  public Path simulatorsLog() {
    return state().resolve("simulators.log");
  }
}
