package dev.provision.modules.download;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.modules.files.AtomicScript;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an {@link AtomicScript} on the host: with the cached file on stdin ({@code upload} set,
 * download: control) or with the host fetching it (download: host). The uploaded bytes are
 * checked against the planned digest first, so a cache file changed since the plan is refused.
 * Failures name the host, the path and what to do; the old file is always left in place.
 */
record InstallAction(AtomicScript script, String description, String path, Sha256 expected, CachedDownload upload,
    GetUrlRequest request) implements Action {

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
    Command command = Command.of(script.script()).withBecome(host.become()).withTimeout(host.timeout());
    if (upload != null) {
      command = command.withStdinFile(checkedUpload());
    }
    CommandResult result = host.connection().run(command);
    if (!result.succeeded()) {
      throw new ModuleException(failure(host.host(), result));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("dest", path);
    data.put("sha256", expected.hex());
    return data;
  }

  /**
   * The cached download, streamed to the host (a 300 MiB binary to many hosts costs a buffer per
   * host, not its size); checked against the plan first, and again on the host as it arrives.
   */
  private java.nio.file.Path checkedUpload() throws ModuleException {
    try {
      Sha256 actual = HttpDownloader.digest(upload.file());
      if (!actual.equals(expected)) {
        throw new ModuleException("the cached download of " + request.source() + " changed since the plan (sha256 "
            + actual.hex() + ", planned " + expected.hex() + "); " + path + " was not touched, run again");
      }
      return upload.file();
    } catch (IOException e) {
      throw new ModuleException("cannot read the cached download " + upload.file() + ": " + e.getMessage(), e);
    }
  }

  private String failure(String host, CommandResult result) {
    String said = result.failureText();
    String prefix = "cannot install " + path + " on " + host + ": ";
    String dir = script.dest().parent().toString();
    return switch (result.exitCode()) {
      case AtomicScript.NO_DIRECTORY -> prefix + "its directory " + dir + " does not exist; get_url does not create"
          + " directories (as Ansible's), so add a `file: {path: " + dir + ", state: directory}` task before it";
      case AtomicScript.IS_DIRECTORY -> prefix + "it is a directory; give the full path of the file in dest";
      case AtomicScript.CHECKSUM_MISMATCH -> prefix + "checksum mismatch for " + request.source() + ": expected sha256 "
          + expected.hex() + ", downloaded " + got(said) + "; the old file was left in place";
      case AtomicScript.FILL_FAILED -> said.contains(HostFetch.FETCH_EXIT) ? prefix
          + HostFetchErrors.explain(request, fetchResult(result)) + "; the old file was left in place"
          : prefix + script.reason(result);
      default -> prefix + script.reason(result);
    };
  }

  private static String got(String said) {
    int at = said.lastIndexOf("got ");
    return at < 0 ? "something else" : said.substring(at + 4).strip();
  }

  private static CommandResult fetchResult(CommandResult result) {
    String err = result.stderr();
    int at = err.indexOf(HostFetch.FETCH_EXIT);
    String code = err.substring(at + HostFetch.FETCH_EXIT.length()).strip().split("\\s+")[0];
    String before = err.substring(0, at).strip();
    return new CommandResult(Integer.parseInt(code), result.stdout(), before, result.elapsed());
  }
}
