package dev.provision.it.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real KubeVirt release manifests laid out as the release downloads are ({@code <version>/kubevirt-operator.yaml},
 * {@code <version>/kubevirt-cr.yaml}): the test resources under {@code kubevirt/}, or the directory in env
 * PROVISION_KUBEVIRT_RELEASES when set. See src/test/resources/kubevirt/README.txt for where they come from.
 */
record KubeVirtReleases(Path root) {
    static final String OPERATOR = "kubevirt-operator.yaml";

    static Optional<KubeVirtReleases> locate() {
        String override = System.getenv("PROVISION_KUBEVIRT_RELEASES");
        if (override != null && !override.isBlank()) {
            return Optional.of(new KubeVirtReleases(Path.of(override)));
        }
        URL resource = KubeVirtReleases.class.getResource("/kubevirt");
        if (resource == null || !"file".equals(resource.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KubeVirtReleases(Path.of(resource.toURI())));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
