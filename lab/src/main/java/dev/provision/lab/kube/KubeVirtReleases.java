package dev.provision.lab.kube;

import dev.provision.lab.gate.RealParts;
import dev.provision.lab.layout.LabLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * KubeVirt release manifests laid out as the release downloads are ({@code <version>/kubevirt-operator.yaml},
 * {@code <version>/kubevirt-cr.yaml}): the directory in env PROVISION_KUBEVIRT_RELEASES when set (for the real
 * release files), else the lab's release mirror {@code lab/mirror/} of the repository, which holds the project's
 * own STAND-IN files (see lab/mirror/README.md).
 */
public record KubeVirtReleases(Path root) {
  static final String OPERATOR = "kubevirt-operator.yaml";
  static final String CUSTOM_RESOURCE = "kubevirt-cr.yaml";

  public static Optional<KubeVirtReleases> locate() {
    String override = System.getenv("PROVISION_KUBEVIRT_RELEASES");
    if (override != null && !override.isBlank()) {
      return Optional.of(new KubeVirtReleases(Path.of(override)));
    }
    return LabLayout.locate().map(layout -> new KubeVirtReleases(layout.mirrorSources()));
  }

  /**
   * The releases there are, with at least one version: else the calling test is skipped with the reason, or fails
   * under CI.
   */
  public static KubeVirtReleases required() {
    Optional<KubeVirtReleases> found = locate();
    RealParts.require(found.isPresent() && !found.orElseThrow().versions().isEmpty(),
        "no KubeVirt release manifests (<version>/kubevirt-operator.yaml) in "
            + found.map(r -> r.root().toString()).orElse("lab/mirror")
            + " (lab/mirror, or $PROVISION_KUBEVIRT_RELEASES); see lab/mirror/README.md");
    return found.orElseThrow();
  }

  /** The newest version (the last of {@link #versions}). */
  public String newest() {
    List<String> versions = versions();
    return versions.get(versions.size() - 1);
  }

  /** Versions (for example v0.59.1) that have an operator manifest, oldest first. */
  public List<String> versions() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(dir -> Files.isRegularFile(dir.resolve(OPERATOR)))
          .map(dir -> dir.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path operator(String version) {
    return root.resolve(version).resolve(OPERATOR);
  }

  /**
   * The release's kubevirt-cr.yaml; where a release directory has none, the lab's stand-in (the same KubeVirt
   * object, {@code kubevirt} in namespace {@code kubevirt}).
   */
  public Path customResource(String version) {
    Path file = root.resolve(version).resolve(CUSTOM_RESOURCE);
    if (Files.isRegularFile(file)) {
      return file;
    }
    KubeVirtReleases mirror = new KubeVirtReleases(LabLayout.here().mirrorSources());
    return mirror.root().resolve(mirror.newest()).resolve(CUSTOM_RESOURCE);
  }
}
