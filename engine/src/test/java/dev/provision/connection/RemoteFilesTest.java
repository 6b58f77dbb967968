package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.lab.disk.SmallDisk;
import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.LabUsers;
import dev.provision.lab.ssh.SshLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RemoteFiles over a real ssh connection (SshLab on 127.0.44.x); the lab shares our filesystem. */
class RemoteFilesTest {

  private static SshLab lab;
  private static LabHost host;
  private Connection ssh;
  private RemoteFiles files;
  private Path dir;

  @BeforeAll
  static void startLab() throws Exception {
    lab = SshLab.builder().hosts(1).baseAddress("127.0.44.1").start();
    host = lab.host(0);
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @BeforeEach
  void connect() throws Exception {
    ssh = new DefaultConnectionFactory().open(LabSpecs.of(host));
    files = new RemoteFiles(ssh, host.name());
    dir = Files.createTempDirectory(host.root(), "files");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void disconnect() {
    ssh.close();
  }

  @Test
  void writeThenReadRoundTripsBinaryContent() throws Exception {
    byte[] data = new byte[100_000];
    new Random(1).nextBytes(data);
    String path = dir.resolve("blob.bin").toString();
    files.write(path, data, null, false);
    assertThat(Arrays.equals(Files.readAllBytes(Path.of(path)), data)).isTrue();
    assertThat(Arrays.equals(files.read(path, 1 << 20, false).orElseThrow(), data)).isTrue();
    assertThat(files.sha256(path, false)).contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    assertThat(files.stat(path, false).orElseThrow().mode()).isEqualTo("0644");
    assertThatThrownBy(() -> files.read(path, 1000, false))
        .isInstanceOf(RemoteFileException.class)
        .hasMessage("cannot read " + path + " on host1: it has 100000 bytes, more than the limit of 1000");
  }

  @Test
  void modeAndOwnerAreApplied() throws Exception {
    LabUsers.ensure("provlab", null, LabUsers.Sudo.NOPASSWD);
    String path = dir.resolve("secret.conf").toString();
    files.write(path, "x=1\n", new FileAttributes("0600", "provlab", "root"), false);
    FileStat stat = files.stat(path, false).orElseThrow();
    assertThat(stat).isEqualTo(new FileStat("file", "0600", "provlab", "root", 4, null));
  }

  @Test
  void rewriteKeepsTheExistingModeAndOwnerWhenNoneIsGiven() throws Exception {
    LabUsers.ensure("provlab", null, LabUsers.Sudo.NOPASSWD);
    String path = dir.resolve("keep.conf").toString();
    files.write(path, "old", new FileAttributes("0640", "provlab", null), false);
    files.write(path, "new", null, false);
    assertThat(files.stat(path, false).orElseThrow())
        .extracting(FileStat::mode, FileStat::owner)
        .containsExactly("0640", "provlab");
    assertThat(Files.readString(Path.of(path))).isEqualTo("new");
  }

  @Test
  void writeLeavesNoTemporaryFileBehind() throws Exception {
    files.write(dir.resolve("a").toString(), "1", null, false);
    files.write(dir.resolve("a").toString(), "2", null, false);
    try (Stream<Path> listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("a");
    }
  }

  @Test
  void readerNeverSeesHalfAFile() throws Exception {
    byte[] a = new byte[2_000_000];
    byte[] b = new byte[2_000_000];
    Arrays.fill(a, (byte) 'a');
    Arrays.fill(b, (byte) 'b');
    Path path = dir.resolve("big");
    files.write(path.toString(), a, null, false);
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
    for (int i = 0; i < 6; i++) {
      files.write(path.toString(), i % 2 == 0 ? b : a, null, false);
    }
    done.set(true);
    reader.join();
    assertThat(reads.get()).isGreaterThan(0);
    assertThat(torn.get()).as("reads that saw a partial or missing file").isZero();
  }

  @Test
  void missingThingsAreEmptyNotErrors() throws Exception {
    String path = dir.resolve("nothing").toString();
    assertThat(files.read(path, 10, false)).isEmpty();
    assertThat(files.stat(path, false)).isEmpty();
    assertThat(files.sha256(path, false)).isEmpty();
  }

  @Test
  void statDescribesDirectoriesAndLinks() throws Exception {
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, Path.of("/etc/hostname"));
    assertThat(files.stat(dir.toString(), false).orElseThrow().isDirectory()).isTrue();
    FileStat stat = files.stat(link.toString(), false).orElseThrow();
    assertThat(stat.isLink()).isTrue();
    assertThat(stat.linkTarget()).isEqualTo("/etc/hostname");
  }

  @Test
  void readingTooLargeOrADirectoryNamesHostAndPath() {
    assertThatThrownBy(() -> files.read(dir.toString(), 10, false))
        .isInstanceOf(RemoteFileException.class)
        .hasMessage("cannot read " + dir + " on host1: it is a directory");
  }

  @Test
  void missingDirectoryNamesHostAndPath() {
    String path = dir.resolve("no/such/file").toString();
    assertThatThrownBy(() -> files.write(path, "x", null, false))
        .isInstanceOfSatisfying(RemoteFileException.class, e -> {
          assertThat(e.host()).isEqualTo("host1");
          assertThat(e.getMessage()).startsWith("cannot write " + path + " on host1: its directory does not exist");
        });
  }

  @Test
  void permissionDeniedNamesHostAndPathAndSuggestsBecome() throws Exception {
    LabUsers.ensure("provlab", null, LabUsers.Sudo.NOPASSWD);
    String path = dir.resolve("root-only.conf").toString();
    try (Connection user = new DefaultConnectionFactory().open(LabSpecs.of(host, "provlab"))) {
      RemoteFiles asUser = new RemoteFiles(user, host.name());
      assertThatThrownBy(() -> asUser.write(path, "x", null, false))
          .isInstanceOfSatisfying(RemoteFileException.class, e -> assertThat(e.getMessage())
              .startsWith("cannot write " + path + " on host1: permission denied")
              .contains("become"));
      asUser.write(path, "x", null, true);
      assertThat(files.stat(path, false).orElseThrow().owner()).isEqualTo("root");
    }
  }

  @Test
  void diskFullNamesHostAndPathAndKeepsTheOldFile() throws Exception {
    Path small = dir.resolve("small");
    Files.createDirectories(small);
    SmallDisk.mount(small, "64k");
    try {
      String path = small.resolve("data").toString();
      files.write(path, "old content", null, false);
      assertThatThrownBy(() -> files.write(path, new byte[512 * 1024], null, false))
          .isInstanceOfSatisfying(RemoteFileException.class, e -> assertThat(e.getMessage())
              .startsWith("cannot write " + path + " on host1: disk full")
              .contains("old file was left unchanged"));
      assertThat(Files.readString(Path.of(path))).isEqualTo("old content");
      try (Stream<Path> listing = Files.list(small)) {
        assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("data");
      }
    } finally {
      SmallDisk.unmount(small);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"$(touch PWNED)", "`touch PWNED`", "'; touch PWNED; '", "\"; touch PWNED; \"",
      "a b", "-rf", "x\ny", "*", "a;touch PWNED", "$HOME", "..x", "|touch PWNED"})
  void shellInjectionThroughPathsIsHarmless(String name) throws Exception {
    String path = dir + "/" + name;
    files.write(path, "content of " + name, FileAttributes.mode("0600"), false);
    assertThat(Files.readString(Path.of(path))).isEqualTo("content of " + name);
    assertThat(new String(files.read(path, 1000, false).orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("content of " + name);
    assertThat(files.stat(path, false).orElseThrow().mode()).isEqualTo("0600");
    try (Stream<Path> listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly(name);
    }
    for (Path place : List.of(host.home(), host.root(), Path.of("/root"), Path.of("/"))) {
      assertThat(place.resolve("PWNED")).doesNotExist();
    }
  }

  @Test
  void worksTheSameOverTheLocalConnection() throws Exception {
    try (Connection local = new LocalConnection(
        new ConnectionSpec("controller", "local", null, 0, null, null, null, false, null, null))) {
      RemoteFiles localFiles = new RemoteFiles(local, "controller");
      String path = dir.resolve("local.txt").toString();
      localFiles.write(path, "local\n", FileAttributes.mode("0640"), false);
      assertThat(localFiles.read(path, 100, false).map(String::new)).contains("local\n");
      assertThat(localFiles.stat(path, false).orElseThrow().mode()).isEqualTo("0640");
    }
  }
}
