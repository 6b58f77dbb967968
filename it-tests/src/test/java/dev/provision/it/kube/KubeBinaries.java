package dev.provision.it.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where lab/kube/build.sh puts kube-apiserver, kube-controller-manager, etcd and kubectl. */
record KubeBinaries(Path dir) {
    static final List<String> NAMES = List.of("kube-apiserver", "kube-controller-manager", "etcd", "kubectl");

    static KubeBinaries locate() {
        String override = System.getenv("PROVISION_K8S_DIR");
        Path dir = override != null && !override.isBlank()
                ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".cache", "provision", "k8s", "1.20.2-linux-amd64");
        return new KubeBinaries(dir);
    }

    List<String> missing() {
        return NAMES.stream().filter(name -> !Files.isExecutable(dir.resolve(name))).toList();
    }
}
