package dev.provision.it.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.kube.KubeApiServerFixture;
import dev.provision.module.ModuleException;
import dev.provision.modules.kube.KubeWaitModule;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kube_wait survives a dropped connection: its informer watches again (and lists again) and still sees the change. */
class KubeWaitReconnectTest {

    @RegisterExtension
    static final KubeApiServerFixture KUBE = new KubeApiServerFixture();

    @Test
    void aWaitSeesAChangeMadeWhileItsConnectionWasCut() throws Exception {
        URI server = URI.create(KUBE.server());
        try (CuttableProxy proxy = new CuttableProxy(new InetSocketAddress(server.getHost(), server.getPort()))) {
            Path kubeconfig = KUBE.stateDir().resolve("kubeconfig-via-proxy");
            Files.writeString(kubeconfig, Files.readString(KUBE.kubeconfig())
                    .replace(KUBE.server(), "https://" + server.getHost() + ":" + proxy.port()));
            assertThat(Files.readString(kubeconfig)).contains(":" + proxy.port());
            ModuleRunner wait = new ModuleRunner(new KubeWaitModule(), kubeconfig);
            CompletableFuture<KubeModuleRunner.Outcome> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return wait.apply(Map.of("kind", "ConfigMap", "namespace", "default", "name", "flag",
                            "field", ".data.state", "value", "on", "timeout", "90s"));
                } catch (ModuleException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            awaitProgress(wait, "ConfigMap default/flag does not exist yet");

            proxy.cut();
            KUBE.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("flag").endMetadata().addToData("state", "on").build()).create();
            Thread.sleep(2000);
            assertThat(waiting).isNotDone();
            proxy.restore();

            KubeModuleRunner.Outcome done = waiting.get(60, TimeUnit.SECONDS);
            assertThat(done.changed()).isTrue();
            assertThat(done.data()).containsEntry("value", "on");
        }
    }

    private static void awaitProgress(ModuleRunner runner, String line) throws InterruptedException {
        for (int i = 0; i < 300 && !runner.progress().contains(line); i++) {
            Thread.sleep(100);
        }
        assertThat(runner.progress()).contains(line);
    }
}
