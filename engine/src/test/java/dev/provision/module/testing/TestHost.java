package dev.provision.module.testing;

import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the test doubles of {@link HostContext} share: a name, services made once, progress lines and
 * secrets recorded, expressions through {@link SimpleExpressions}, no become and no timeout unless
 * said otherwise. Subclasses give the mode and variables, and say where facts and commands come
 * from: by default a test host has neither.
 */
public abstract class TestHost implements HostContext {

  private final String name;
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
  private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
  private final List<String> secrets = Collections.synchronizedList(new ArrayList<>());

  protected TestHost(String name) {
    this.name = name;
  }

  @Override
  public String host() {
    return name;
  }

  @Override
  public Connection connection() throws ConnectionException {
    throw new ConnectionException(ConnectionException.Kind.UNREACHABLE, name, "this test host has no connection");
  }

  @Override
  public <T> T fact(Fact<T> fact) throws ModuleException, ConnectionException {
    throw new AssertionError(name + ": this test host reads no facts, asked for `" + fact.key() + "`");
  }

  @Override
  public boolean become() {
    return false;
  }

  @Override
  public Duration timeout() {
    return null;
  }

  @Override
  public void progress(String message) {
    progress.add(message);
  }

  /** Every progress line reported so far, in order. */
  public List<String> progressLines() {
    synchronized (progress) {
      return List.copyOf(progress);
    }
  }

  @Override
  public <S> S service(Class<S> type, Supplier<S> factory) {
    return type.cast(services.computeIfAbsent(type, t -> factory.get()));
  }

  @Override
  public Object evaluate(String expression) throws ModuleException {
    return SimpleExpressions.evaluate(expression, vars());
  }

  @Override
  public boolean test(String expression) throws ModuleException {
    return SimpleExpressions.truthy(evaluate(expression));
  }

  @Override
  public void secret(String value) {
    secrets.add(value);
  }

  public List<String> secrets() {
    synchronized (secrets) {
      return List.copyOf(secrets);
    }
  }
}
