package dev.provision.it.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs lab/kube/apiserver.sh (start|stop|status DIR): the same script the lab uses, so tests and lab agree. */
final class ControlPlaneScript {
    static final String RELATIVE_PATH = "lab/kube/apiserver.sh";

    private final Path script;
    private final KubeBinaries binaries;

    ControlPlaneScript(Path script, KubeBinaries binaries) {
        this.script = script;
        this.binaries = binaries;
    }

    /** The script in the enclosing checkout: surefire runs in it-tests/, so look upwards from there. */
    static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    void start(Path stateDir) {
        run("start", stateDir, Duration.ofMinutes(3));
    }

    void stop(Path stateDir) {
        run("stop", stateDir, Duration.ofSeconds(60));
    }

    private void run(String command, Path stateDir, Duration timeout) {
        Path log = stateDir.resolve("apiserver-" + command + ".out");
        try {
            Files.createDirectories(stateDir);
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString(), command, stateDir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("PROVISION_K8S_DIR", binaries.dir().toString());
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " " + command + " timed out after " + timeout
                        + "\n" + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " " + command + " exited " + process.exitValue()
                        + "\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + " " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + script + " " + command, e);
        }
    }
}
