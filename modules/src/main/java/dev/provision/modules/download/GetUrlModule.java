package dev.provision.modules.download;

import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.files.AtomicScript;
import dev.provision.modules.files.Attributes;
import dev.provision.modules.files.Ownership;
import dev.provision.modules.files.RemotePath;
import dev.provision.modules.http.CaBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code get_url}: puts the content of a URL at {@code dest} on the host, with mode and owner. By
 * default the control node downloads each URL once per run (kept in a {@link DownloadCache}) and
 * uploads it to every host; {@code download: host} makes each host fetch it with curl or wget.
 * The plan compares the SHA-256 of the host's file (one read-only command) with the expected
 * digest (the pinned {@code checksum}, or the downloaded content) and does nothing when content,
 * mode and owner already match. The install is atomic and verified (see {@link AtomicScript}).
 * As with Ansible's get_url, a missing parent directory is an error, not created.
 */
public final class GetUrlModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Puts the content of a URL at a path on the host, idempotent by SHA-256, with mode and owner.")
      .note("By default the control node downloads each URL once per run (cached, showing bytes and rate) and"
          + " uploads it to every host; `download: host` makes each host fetch it with curl or wget. The plan"
          + " compares the SHA-256 of the host's file with the pinned `checksum` or the downloaded content, and"
          + " does nothing when content, mode and owner match. The install is atomic and verified. As with"
          + " Ansible's get_url, a missing parent directory is an error, not created. A control-node download"
          + " with no byte for `timeout` fails (\"no progress for N s\"); without a `checksum`, an HTML page is"
          + " refused where an executable (`mode`) or a binary (a name without a text extension) is expected.")
      .returns("dest", "the path")
      .returns("url", "the URL, without its query")
      .returns("sha256", "the content's digest")
      .returns("size", "bytes (downloads on the control node)")
      .example("""
              - get_url:
                  url: "{{ kubevirt_mirror }}/{{ kubevirt_version }}/virtctl-{{ kubevirt_version }}-linux-amd64"
                  dest: ~/.local/bin/virtctl
                  mode: "0755"
              """)
      .param(Param.string("url").required().describedAs("http:// or https:// address (templated)"))
      .param(Param.string("dest").required().describedAs("file path on the host; ~ is the login user's home"))
      .param(Param.any("mode").describedAs("octal such as '0755', or symbolic such as u=rwx,go=rx"))
      .param(Param.string("owner").describedAs("user name or numeric id"))
      .param(Param.string("group").describedAs("group name or numeric id"))
      .param(Param.string("checksum").describedAs("sha256:<64 hex digits>; the download must match it"))
      .param(Param.string("download").choices("control", "host").defaultsTo("control")
          .describedAs("control: fetched once on the control node and uploaded; host: each host fetches it"))
      .param(Param.duration("timeout").defaultsTo(30L).describedAs("seconds (or 30s, 2m) to connect, or without progress"))
      .param(Param.string("ca_bundle").describedAs("PEM file of extra CAs on the control node, relative to the playbook"))
      .param(Param.map("headers").secret().describedAs("extra request headers; values are treated as secrets"))
      .param(Param.bool("force").defaultsTo(true).describedAs("true: download and replace the file when its content"
          + " differs; false: a file already at dest is kept (only its mode and owner are set), as Ansible's"
          + " default; with a checksum it is replaced when it does not match. Different from Ansible: the default"
          + " here is true"))
      .build();

  @Override
  public String name() {
    return "get_url";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin(name());
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    GetUrlRequest request = GetUrlRequest.from(params, host);
    String caPem = request.onHost() && request.caBundle() != null ? pem(request) : null;
    DestState dest = host.fact(new DestFact(request.dest()));
    String path = dest.path();
    if (dest.stat().isDirectory()) {
      throw new ModuleException("dest " + path + " on " + host.host() + " is a directory; give the full path of the file");
    }
    if (!dest.directoryExists() && !host.changesPending()) { // else an earlier task may create it
      throw new ModuleException("cannot install " + path + " on " + host.host() + ": its directory " + dest.directory()
          + " does not exist; get_url does not create directories (as Ansible's), so add a `file: {path: "
          + dest.directory() + ", state: directory}` task before it");
    }
    Sha256 current = dest.sha256();
    CachedDownload cached = null;
    Sha256 expected;
    boolean keep = !params.bool("force") && dest.stat().isFile() && current != null
        && (request.checksum() == null || request.checksum().equals(current));
    if (keep || request.checksum() != null && request.checksum().equals(current)) {
      expected = current; // pinned and already there, or force: false and there: nothing to download
    } else if (!request.onHost()) {
      cached = host.service(DownloadCache.class, () -> new DownloadCache(DownloadCache.defaultDir()))
          .get(request, request.checksum(), host::progress);
      if (request.checksum() != null && !request.checksum().equals(cached.sha256())) {
        throw new ModuleException("checksum mismatch for " + request.source() + ": expected sha256 "
            + request.checksum().hex() + ", downloaded " + cached.sha256().hex() + "; " + path + " on " + host.host()
            + " was left unchanged");
      }
      expected = cached.sha256();
      if (request.checksum() == null) {
        String refusal = htmlRefusal(path, request, cached);
        if (refusal != null) {
          throw new ModuleException("GET " + request.source() + ": " + refusal);
        }
      }
    } else {
      expected = request.checksum() != null ? request.checksum() : host.fact(new RemoteDigestFact(request, caPem));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("dest", path);
    result.put("url", request.source());
    result.put("sha256", expected.hex());
    if (cached != null) {
      result.put("size", cached.size());
    }
    boolean sameContent = dest.stat().isFile() && expected.equals(current);
    boolean modeOk = request.mode() == null || dest.stat().isFile() && request.mode().satisfiedBy(dest.stat());
    boolean ownerOk = request.owners().satisfiedBy(dest.stat());
    if (sameContent && modeOk && ownerOk) {
      return Plan.noop(path + " already has sha256 " + expected.shortForm() + " and mode " + dest.stat().octalMode()
          + (request.owners().isEmpty() ? "" : ", owner " + dest.stat().owner() + ":" + dest.stat().group()), result);
    }
    if (sameContent) {
      List<Action> fixes = new java.util.ArrayList<>(Attributes.fix(RemotePath.of("dest", path), dest.stat(),
          modeOk ? null : request.mode(), ownerOk ? new Ownership(null, null) : request.owners(), false));
      return Plan.change("set " + Attributes.words(!modeOk, !ownerOk) + " of " + path,
          List.of(FileChanges.diff(path, dest, expected, null, request)), fixes).withResult(result);
    }
    InstallAction install = install(request, dest, expected, cached, caPem);
    String note = dest.directoryExists() ? ""
        : " (its directory " + dest.directory() + " does not exist yet: an earlier task must create it)";
    return Plan.change("install " + request.source() + " as " + path + " (sha256 "
            + expected.shortForm() + ")" + note,
        List.of(FileChanges.diff(path, dest, expected, cached == null ? null : cached.size(), request)),
        List.of(install)).withResult(result);
  }

  private static InstallAction install(GetUrlRequest request, DestState dest, Sha256 expected, CachedDownload cached,
      String caPem) throws ModuleException {
    String path = dest.path();
    RemotePath target = RemotePath.of("dest", path);
    if (cached != null) {
      AtomicScript script = AtomicScript.fromStdin(target, cached.size()).verifiedSha256(expected.hex())
          .attributes(request.mode(), request.owners());
      return new InstallAction(script, "upload " + request.source() + " (" + cached.size() + " bytes, sha256 "
          + expected.shortForm() + ") to " + path + " through a temporary file", path, expected, cached, request);
    }
    String function = HostFetch.function(request.url().toString(), request.timeout().toSeconds(), request.headers(),
        caPem);
    AtomicScript script = AtomicScript.filledBy(target, function, HostFetch.INTO_TEMP)
        .verifiedSha256(expected.hex()).attributes(request.mode(), request.owners());
    return new InstallAction(script, "download " + request.source() + " on the host into " + path
        + " through a temporary file (sha256 " + expected.shortForm() + ")", path, expected, null, request);
  }

  private static String htmlRefusal(String path, GetUrlRequest request, CachedDownload cached)
      throws ModuleException {
    try {
      return HtmlInsteadOfBinary.refusal(path, request.mode(), cached.file());
    } catch (IOException e) {
      throw new ModuleException("cannot read the download of " + request.source() + ": " + e.getMessage(), e);
    }
  }

  /** The CA bundle's text, checked to be PEM certificates, for curl or wget on the host. */
  private static String pem(GetUrlRequest request) throws ModuleException {
    CaBundle.sslContext(request.caBundle()); // refuses a missing or malformed bundle with a clear message
    try {
      return Files.readString(request.caBundle()).strip();
    } catch (IOException e) {
      throw new ModuleException("cannot read ca_bundle " + request.caBundle() + ": " + e.getMessage(), e);
    }
  }
}
