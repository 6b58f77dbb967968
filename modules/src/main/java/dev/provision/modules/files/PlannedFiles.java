package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.PlannedWrite;
import java.util.Optional;

/**
 * A file as the task will find it: when an earlier task of this plan would write it first
 * ({@link HostContext#plannedWrite}), the content that task plans, so that {@code copy} then
 * {@code lineinfile} on one path is planned as the apply will do it; else the host's file.
 */
public final class PlannedFiles {

  private PlannedFiles() {}

  /**
   * {@code attributes}: the task asks for a mode or an owner, which the earlier task's write leaves
   * as only the apply will tell (a new file's mode comes from the host's umask).
   */
  public static RemoteFile read(HostContext host, FileContentFact fact, boolean attributes)
      throws ModuleException, ConnectionException {
    Optional<PlannedWrite> planned = host.plannedWrite(fact.path().text());
    if (planned.isEmpty()) {
      return host.fact(fact);
    }
    PlannedWrite write = planned.get();
    String by = "task `" + write.by() + "` of this plan writes " + fact.path() + " first";
    if (!write.contentKnown()) {
      throw host.knownAfterApply(by + ", with content known only after apply");
    }
    if (attributes) {
      throw host.knownAfterApply(by + ", and the mode and owner it leaves are known only after apply");
    }
    byte[] content = write.content();
    PathStat stat = new PathStat(PathStat.Type.FILE, 0, null, null, -1, -1, content.length, null);
    String text = fact.whole() || content.length <= FileContentFact.LIMIT
        ? new String(content, java.nio.charset.StandardCharsets.UTF_8) : null;
    return new RemoteFile(stat, Checksums.sha256(content), text);
  }
}
