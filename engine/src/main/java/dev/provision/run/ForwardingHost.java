package dev.provision.run;

import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** A {@link HostContext} that passes everything to another; subclasses change what they must. */
abstract class ForwardingHost implements HostContext {

  protected final HostContext delegate;

  ForwardingHost(HostContext delegate) {
    this.delegate = delegate;
  }

  @Override
  public String host() {
    return delegate.host();
  }

  @Override
  public Map<String, Object> vars() {
    return delegate.vars();
  }

  @Override
  public Connection connection() throws ConnectionException {
    return delegate.connection();
  }

  @Override
  public <T> T fact(Fact<T> fact) throws ModuleException, ConnectionException {
    return delegate.fact(fact);
  }

  @Override
  public boolean become() {
    return delegate.become();
  }

  @Override
  public boolean diffMode() {
    return delegate.diffMode();
  }

  @Override
  public Duration timeout() {
    return delegate.timeout();
  }

  @Override
  public void progress(String message) {
    delegate.progress(message);
  }

  @Override
  public <S> S service(Class<S> type, Supplier<S> factory) {
    return delegate.service(type, factory);
  }

  @Override
  public Object evaluate(String expression) throws ModuleException {
    return delegate.evaluate(expression);
  }

  @Override
  public boolean test(String expression) throws ModuleException {
    return delegate.test(expression);
  }

  @Override
  public String render(String template) throws ModuleException {
    return delegate.render(template);
  }

  @Override
  public void secret(String value) {
    delegate.secret(value);
  }

  @Override
  public boolean changesPending() {
    return delegate.changesPending();
  }

  @Override
  public java.util.Optional<dev.provision.module.PlannedWrite> plannedWrite(String path) {
    return delegate.plannedWrite(path);
  }

  @Override
  public ModuleException knownAfterApply(String reason) {
    return delegate.knownAfterApply(reason);
  }
}
