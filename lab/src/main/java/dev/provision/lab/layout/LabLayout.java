package dev.provision.lab.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the lab keeps things: sources in the repository ({@code lab/}), state in {@code .lab/} (git-ignored,
 * removed by {@code lab down}) and the inventory it writes in {@code inventory/lab/}. Also how the fixtures find
 * the repository they run in (the lab's scripts and release mirror).
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

  /** Whether {@code dir} is a Provision repository (it holds the lab's scripts). */
  public static boolean isRepository(Path dir) {
    return Files.isRegularFile(dir.resolve("lab/kube/apiserver.sh")) && Files.isRegularFile(dir.resolve("pom.xml"));
  }

  /**
   * The repository holding {@code lab/kube/apiserver.sh}: found from where this code was loaded
   * ({@code lab/target/...}), else from the working directory upwards.
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

  /** {@link #locate}, for tests and fixtures, which always run in a repository. */
  public static LabLayout here() {
    return locate().orElseThrow(() -> new IllegalStateException(
        "no Provision repository (lab/kube/apiserver.sh) above " + Path.of("").toAbsolutePath()));
  }

  private static Optional<LabLayout> upwards(Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      if (isRepository(p)) {
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

  /** The hosts' folders ({@code hosts/NAME}) and SSH keys ({@code ssh/}), as the sshd fixture lays them out. */
  public Path sshHosts() {
    return state();
  }

  public Path rpmRepo() {
    return state().resolve("rpm-repo");
  }

  /** The release files the mirror serves (stand-ins, see lab/mirror/README.md), in the repository. */
  public Path mirrorSources() {
    return sources().resolve("mirror");
  }

  /** The mirror's copy of them, which its HTTP server serves. */
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
