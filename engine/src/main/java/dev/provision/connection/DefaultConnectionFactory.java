package dev.provision.connection;

/** Opens {@code local} connections on commons-exec and everything else over ssh with sshj. */
public final class DefaultConnectionFactory implements ConnectionFactory {

  @Override
  public Connection open(ConnectionSpec spec) throws ConnectionException {
    if (spec.isLocal()) {
      return new LocalConnection(spec);
    }
    if (spec.type() != null && !"ssh".equals(spec.type())) {
      throw new ConnectionException(ConnectionException.Kind.UNREACHABLE, spec.host(),
          "unknown connection type `" + spec.type() + "` for host " + spec.host() + " (use ssh or local)");
    }
    return SshConnection.open(spec);
  }
}
