package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionSpec;
import dev.provision.connection.DefaultConnectionFactory;
import dev.provision.connection.LabSpecs;
import dev.provision.connection.LocalConnection;
import dev.provision.connection.SshHostFixture;
import dev.provision.lab.disk.SmallDisk;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.LabUsers;
import dev.provision.module.Mode;
import dev.provision.module.ModuleException;
import dev.provision.module.testing.ModuleRun;
import dev.provision.module.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host-files package ({@link AtomicScript} through {@code copy}, {@link StatFact},
 * {@link FileContentFact}) over a real ssh connection (SshLab on 127.0.44.x; the lab shares our
 * filesystem): atomic writes that no reader sees half done, mode and owner, failures that name the
 * host and the path, and paths that can never become commands.
 */
class HostFilesSshTest {

  @RegisterExtension static final SshHostFixture LAB = SshHostFixture.on("127.0.44.1");
  private static LabHost host;
  private Connection ssh;
  private Path dir;
  @TempDir Path control;

  @BeforeAll
  static void startLab() throws Exception {
    host = LAB.host();
  }

  @BeforeEach
  void connect() throws Exception {
    ssh = LAB.connection();
    dir = Files.createTempDirectory(host.root(), "files");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private ModuleRun copy(Connection connection) {
    return new ModuleRun(new CopyModule(), connection, Map.of("playbook_dir", control.toString())).on(host.name());
  }

  private ModuleRun.Outcome copy(Path dest, Map<String, Object> more) throws Exception {
    Map<String, Object> args = new java.util.LinkedHashMap<>(more);
    args.put("dest", dest.toString());
    return copy(ssh).apply(args);
  }

  private Path local(String name, byte[] bytes) throws IOException {
    return Files.write(control.resolve(name), bytes);
  }

  private PathStat stat(Path path) throws Exception {
    return TestHost.live(Mode.PLAN, ssh, Map.of()).fact(new StatFact(RemotePath.of("path", path.toString())));
  }

  private RemoteFile read(Connection connection, Path path) throws Exception {
    return TestHost.live(Mode.PLAN, connection, Map.of()).fact(new FileContentFact(RemotePath.of("path", path.toString())));
  }

  private List<String> listing(Path where) throws IOException {
    try (Stream<Path> files = Files.list(where)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void binaryContentRoundTripsAndALargeFileIsComparedByChecksum() throws Exception {
    byte[] data = new byte[300_000];
    new Random(1).nextBytes(data);
    Path dest = dir.resolve("blob.bin");
    assertThat(copy(dest, Map.of("src", local("blob.bin", data).toString())).changed()).isTrue();
    assertThat(Arrays.equals(Files.readAllBytes(dest), data)).isTrue();
    RemoteFile read = read(ssh, dest);
    assertThat(read.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    assertThat(read.content()).as("larger than FileContentFact.LIMIT: checksum only").isNull();
    assertThat(read.stat().octalMode()).isEqualTo("0644");
    assertThat(copy(dest, Map.of("src", control.resolve("blob.bin").toString())).changed()).isFalse();
  }

  @Test
  void modeAndOwnerAreApplied() throws Exception {
    LabUsers.ensure("provlab", null, LabUsers.Sudo.NOPASSWD);
    Path dest = dir.resolve("secret.conf");
    copy(dest, Map.of("content", "x=1\n", "mode", "0600", "owner", "provlab", "group", "root"));
    PathStat stat = stat(dest);
    assertThat(stat.type()).isEqualTo(PathStat.Type.FILE);
    assertThat(stat.octalMode()).isEqualTo("0600");
    assertThat(stat.owner()).isEqualTo("provlab");
    assertThat(stat.group()).isEqualTo("root");
    assertThat(stat.size()).isEqualTo(4);
  }

  @Test
  void rewriteKeepsTheExistingModeAndOwnerWhenNoneIsGiven() throws Exception {
    LabUsers.ensure("provlab", null, LabUsers.Sudo.NOPASSWD);
    Path dest = dir.resolve("keep.conf");
    copy(dest, Map.of("content", "old", "mode", "0640", "owner", "provlab"));
    copy(dest, Map.of("content", "new"));
    assertThat(stat(dest)).extracting(PathStat::octalMode, PathStat::owner).containsExactly("0640", "provlab");
    assertThat(Files.readString(dest)).isEqualTo("new");
  }

  @Test
  void writeLeavesNoTemporaryFileBehind() throws Exception {
    copy(dir.resolve("a"), Map.of("content", "1"));
    copy(dir.resolve("a"), Map.of("content", "2"));
    assertThat(listing(dir)).containsExactly("a");
  }

  @Test
  void readerNeverSeesHalfAFile() throws Exception {
    byte[] a = new byte[2_000_000];
    byte[] b = new byte[2_000_000];
    Arrays.fill(a, (byte) 'a');
    Arrays.fill(b, (byte) 'b');
    Path srcA = local("a", a);
    Path srcB = local("b", b);
    Path path = dir.resolve("big");
    copy(path, Map.of("src", srcA.toString()));
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger torn = new AtomicInteger();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        try {
          byte[] seen = Files.readAllBytes(path);
          reads.incrementAndGet();
          if (!Arrays.equals(seen, a) && !Arrays.equals(seen, b)) {
            torn.incrementAndGet();
          }
        } catch (IOException e) {
          torn.incrementAndGet();
        }
      }
    });
    reader.start();
    try {
      for (int i = 0; i < 6; i++) {
        copy(path, Map.of("src", (i % 2 == 0 ? srcB : srcA).toString()));
      }
    } finally {
      done.set(true);
      reader.join();
    }
    assertThat(reads.get()).isGreaterThan(0);
    assertThat(torn.get()).as("reads that saw a partial or missing file").isZero();
  }

  @Test
  void absentPathsAreAbsentNotErrors() throws Exception {
    Path path = dir.resolve("nothing");
    assertThat(stat(path).exists()).isFalse();
    RemoteFile read = read(ssh, path);
    assertThat(read.stat().exists()).isFalse();
    assertThat(read.sha256()).isNull();
  }

  @Test
  void statDescribesDirectoriesAndLinksWithoutFollowingThem() throws Exception {
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, Path.of("/etc/hostname"));
    assertThat(stat(dir).isDirectory()).isTrue();
    PathStat stat = stat(link);
    assertThat(stat.isLink()).isTrue();
    assertThat(stat.linkTarget()).isEqualTo("/etc/hostname");
  }

  @Test
  void aSymbolicLinkAtTheDestinationIsReplacedNotFollowed() throws Exception {
    Path target = Files.writeString(dir.resolve("target"), "target stays\n");
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    assertThat(copy(link, Map.of("content", "a file now\n")).changed()).isTrue();
    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(link).hasContent("a file now");
    assertThat(target).hasContent("target stays");
  }

  @Test
  void aDirectoryAtTheDestinationIsRefusedAndLeftAlone() throws Exception {
    Files.writeString(dir.resolve("inside"), "kept");
    assertThatThrownBy(() -> copy(dir, Map.of("content", "x")))
        .isInstanceOf(ModuleException.class)
        .hasMessageContaining("dest " + dir + " is a directory, not a file");
    assertThat(listing(dir)).containsExactly("inside");
  }

  @Test
  void missingDirectoryNamesHostAndPath() {
    Path path = dir.resolve("no/such/file");
    assertThatThrownBy(() -> copy(path, Map.of("content", "x")))
        .isInstanceOf(ModuleException.class)
        .hasMessageStartingWith("cannot write " + path + " on host1: its directory " + path.getParent() + " does not exist");
    assertThat(dir.resolve("no")).doesNotExist();
  }

  @Test
  void permissionDeniedNamesHostAndPathAndSuggestsBecome() throws Exception {
    LabUsers.ensure("provlab", null, LabUsers.Sudo.NOPASSWD);
    Path path = dir.resolve("root-only.conf");
    try (Connection user = new DefaultConnectionFactory().open(LabSpecs.of(host, "provlab"))) {
      assertThatThrownBy(() -> copy(user).apply(Map.of("dest", path.toString(), "content", "x")))
          .isInstanceOf(ModuleException.class)
          .hasMessageStartingWith("cannot write " + path + " on host1: cannot create a temporary file in " + dir
              + " (permission denied")
          .hasMessageContaining("become");
      copy(user).become(true).apply(Map.of("dest", path.toString(), "content", "x"));
      assertThat(stat(path).owner()).isEqualTo("root");
    }
  }

  @Test
  void diskFullNamesHostAndPathAndKeepsTheOldFile() throws Exception {
    Path small = dir.resolve("small");
    Files.createDirectories(small);
    SmallDisk.mount(small, "64k");
    try {
      Path path = small.resolve("data");
      copy(path, Map.of("content", "old content"));
      Path big = local("big", new byte[512 * 1024]);
      assertThatThrownBy(() -> copy(path, Map.of("src", big.toString())))
          .isInstanceOf(ModuleException.class)
          .hasMessageStartingWith("cannot write " + path + " on host1: writing the new content failed (disk full")
          .hasMessageContaining("the old file was left in place");
      assertThat(Files.readString(path)).isEqualTo("old content");
      assertThat(listing(small)).containsExactly("data");
    } finally {
      SmallDisk.unmount(small);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"$(touch PWNED)", "`touch PWNED`", "'; touch PWNED; '", "\"; touch PWNED; \"",
      "a b", "-rf", "*", "a;touch PWNED", "$HOME", "..x", "|touch PWNED"})
  void shellInjectionThroughPathsIsHarmless(String name) throws Exception {
    Path path = dir.resolve(name);
    copy(path, Map.of("content", "content of " + name, "mode", "0600"));
    assertThat(Files.readString(path)).isEqualTo("content of " + name);
    assertThat(read(ssh, path).content()).isEqualTo("content of " + name);
    assertThat(stat(path).octalMode()).isEqualTo("0600");
    assertThat(listing(dir)).containsExactly(name);
    for (Path place : List.of(host.home(), host.root(), Path.of("/root"), Path.of("/"), control)) {
      assertThat(place.resolve("PWNED")).doesNotExist();
    }
  }

  @Test
  void aNewlineInAPathIsRefusedBeforeAnyCommand() {
    assertThatThrownBy(() -> copy(dir.resolve("x\ny"), Map.of("content", "x")))
        .hasMessageContaining("holds a control character");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void worksTheSameOverTheLocalConnection() throws Exception {
    try (Connection local = new LocalConnection(
        new ConnectionSpec("controller", "local", null, 0, null, null, null, false, null, null))) {
      Path path = dir.resolve("local.txt");
      copy(local).apply(Map.of("dest", path.toString(), "content", "local\n", "mode", "0640"));
      RemoteFile read = read(local, path);
      assertThat(read.content()).isEqualTo("local\n");
      assertThat(read.stat().octalMode()).isEqualTo("0640");
    }
  }
}
