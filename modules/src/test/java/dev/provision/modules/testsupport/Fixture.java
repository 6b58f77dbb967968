package dev.provision.modules.testsupport;

import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.ExecAction;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Plan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One fixture file (pyinfra style): {@code params}, {@code vars}, {@code facts} (key to stdout, or
 * to {rc, stdout, stderr}) in; {@code commands} and {@code message}, or {@code noop}, or
 * {@code error} (a part of the message) out.
 */
public record Fixture(String name, Map<String, Object> doc) {

  /** Every {@code *.yaml} under {@code own-fixtures/<dir>} on the test class path. */
  public static Stream<Fixture> all(String dir) {
    try {
      Path root = Path.of(Fixture.class.getResource("/own-fixtures/" + dir).toURI());
      try (Stream<Path> files = Files.list(root)) {
        return files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(Fixture::load).toList().stream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Fixture load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Object doc = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
      return new Fixture(file.getFileName().toString(), (Map<String, Object>) doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public CannedHost host() {
    CannedHost host = new CannedHost();
    ((Map<String, Object>) doc.getOrDefault("vars", Map.of())).forEach(host::var);
    host.become(Boolean.TRUE.equals(doc.get("become")));
    Map<String, Object> facts = (Map<String, Object>) doc.getOrDefault("facts", Map.of());
    facts.forEach((key, value) -> {
      if (value instanceof Map<?, ?> raw) {
        Map<String, Object> m = (Map<String, Object>) raw;
        host.output(key, ((Number) m.getOrDefault("rc", 0)).intValue(),
            String.valueOf(m.getOrDefault("stdout", "")), String.valueOf(m.getOrDefault("stderr", "")));
      } else {
        host.output(key, String.valueOf(value));
      }
    });
    return host;
  }

  /** Plans with the fixture's params on its canned host. */
  public Plan plan(Module module, CannedHost host) throws ModuleException, ConnectionException {
    return module.plan(module.schema().bind(module.name(), doc.get("params")), host);
  }

  public static List<String> commands(Plan plan) {
    return plan.actions().stream().map(Fixture::command).toList();
  }

  private static String command(Action action) {
    return action instanceof ExecAction exec ? exec.command() : action.describe();
  }

  public Object get(String key) {
    return doc.get(key);
  }

  @Override
  public String toString() {
    return name;
  }
}
