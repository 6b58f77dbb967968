package dev.provision.connection;

/** Opens {@code local} connections on commons-exec and everything else over ssh with sshj. */
public final class DefaultConnectionFactory implements ConnectionFactory {

  /**
   * Starts preparing ssh (sshj's configuration, the crypto tables) on a background thread; call it
   * early when ssh hosts are coming, so that this overlaps parsing. Optional: the first connection
   * prepares whatever is not ready yet.
   */
  public DefaultConnectionFactory warmUp() {
    SshConfig.warmUp();
    return this;
  }

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
