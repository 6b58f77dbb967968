package dev.provision.modules.download;

import dev.provision.connection.CommandResult;
import dev.provision.module.Fact;
import dev.provision.module.ModuleException;

/**
 * For {@code download: host} without a pinned checksum: the host downloads the URL into
 * {@code sha256sum} through a pipe, so the plan learns what would be installed while nothing is
 * written on the host. The fetch's own exit code is kept (a failed download must not look like
 * the digest of an empty file).
 */
record RemoteDigestFact(GetUrlRequest request, String caPem) implements Fact<Sha256> {

  @Override
  public String key() {
    return "get_url.remote_sha256:" + request.url();
  }

  @Override
  public String command() {
    return HostFetch.function(request.url().toString(), request.timeout().toSeconds(), request.headers(), caPem)
        + "; { rc=$( { { provision_fetch 4>&-; echo $? >&4; } | sha256sum >&3; } 4>&1 ); } 3>&1; exit \"$rc\"";
  }

  @Override
  public Sha256 parse(CommandResult result) throws ModuleException {
    if (!result.succeeded()) {
      throw new ModuleException(HostFetchErrors.explain(request, result));
    }
    return Sha256.ofSumLine(result.stdout());
  }
}
