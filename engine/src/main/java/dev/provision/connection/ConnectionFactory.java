package dev.provision.connection;

/** Opens connections from specs. The walker keeps one open connection per host. */
public interface ConnectionFactory {

  Connection open(ConnectionSpec spec) throws ConnectionException;
}
