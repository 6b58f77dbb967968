package dev.provision.run;

import static dev.provision.run.Fixtures.play;
import static dev.provision.run.Fixtures.playbook;
import static dev.provision.run.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.module.HostContext;
import dev.provision.module.Mode;
import dev.provision.module.Module;
import dev.provision.module.ModuleRegistry;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Shared services (one Kubernetes client per cluster) are made once per run and closed at its end. */
class ServiceLifecycleTest {

  static final class Client implements AutoCloseable {
    static final AtomicInteger MADE = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();

    Client() {
      MADE.incrementAndGet();
    }

    @Override
    public void close() {
      CLOSED.incrementAndGet();
    }
  }

  static final class UsesClient implements Module {
    @Override
    public String name() {
      return "uses_client";
    }

    @Override
    public ParamSchema schema() {
      return ParamSchema.builder().build();
    }

    @Override
    public Plan plan(Params params, HostContext host) {
      host.service(Client.class, Client::new);
      return Plan.noop("client ready");
    }
  }

  @Test
  void aServiceIsMadeOnceForAllHostsAndClosedWhenTheRunEnds() throws Exception {
    Client.MADE.set(0);
    Client.CLOSED.set(0);
    new Harness(new ModuleRegistry(List.of(new UsesClient()))).run(playbook(play("p", "all", List.of(),
        task("a", "uses_client", Map.of()).b(), task("b", "uses_client", Map.of()).b())),
        Fixtures.hosts("h1", "h2", "h3"), Mode.APPLY);

    assertThat(Client.MADE).hasValue(1);
    assertThat(Client.CLOSED).hasValue(1);
  }
}
