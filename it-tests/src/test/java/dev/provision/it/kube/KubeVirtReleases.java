package dev.provision.it.kube;

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
 * own STAND-IN files (see lab/mirror/README.md and src/test/resources/kubevirt/README.txt).
 */
record KubeVirtReleases(Path root) {
    static final String OPERATOR = "kubevirt-operator.yaml";

    static Optional<KubeVirtReleases> locate() {
        String override = System.getenv("PROVISION_KUBEVIRT_RELEASES");
        if (override != null && !override.isBlank()) {
            return Optional.of(new KubeVirtReleases(Path.of(override)));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("lab/mirror/stable.txt"))) {
                return Optional.of(new KubeVirtReleases(dir.resolve("lab/mirror")));
            }
        }
        return Optional.empty();
    }

    /** Versions (for example v0.59.1) that have an operator manifest, oldest first. */
    List<String> versions() {
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

    Path operator(String version) {
        return root.resolve(version).resolve(OPERATOR);
    }
}
