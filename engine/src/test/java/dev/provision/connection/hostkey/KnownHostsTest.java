package dev.provision.connection.hostkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connection.hostkey.HostKeyCheck.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts parsing and matching; hashed lines and fingerprints come from real ssh-keygen output. */
class KnownHostsTest {

  private static final String K1 = "AAAAC3NzaC1lZDI1NTE5AAAAIIG4KqdS0+jCIkX87YDh5E4WFhmX2Xh3lvIRbE1YQaVe";
  private static final String K2 = "AAAAC3NzaC1lZDI1NTE5AAAAIIQ9Fl7tbPdzYt6O7hJheBfJl+hQp6OgSDN653vdu6cH";
  private static final String RSA = "AAAAB3NzaC1yc2EAAAADAQABAAABAQDCFwmgroVWom7KQSau2Vr1hxRY8AEoPLGBUlNZV17xYPT1PPtcGuzKH3VQLAeg6fgl1g95UzwHXvhZ4iECJJfXk7ciDbCMzeaYjAbWKqmWj3aNLxP6h43uD692QHXFX2dnOoIXjLWg/IhTGvTpWJHGBiEVqBsOaH/V9L4/LvSHHjFI3j0y/y8cLnKceX0ksnwmvyAqDHBYkhZ5c2IKT1DTo3VrnCNTMmoxEzmCdODk1SMoxkQCm8TZAp7Jiy2k/qIP+i+0w280hqdDwsnVWXSUpXMEYHCNj0pLk9avu3ZNODncvhXRokzJ2XdIP/OBwNNqt4KFmJKO+LiLcqVppcy5";

  // `ssh-keygen -H` of "127.0.2.9 <K1>" and "[127.0.2.9]:2222 <K2>".
  private static final String HASHED_22 = "|1|cPORRXXJ/abIqQ3Lf4R7iF2veX8=|AvOhfdRsBTCKk9kutXvq7WH0oJc= ssh-ed25519 " + K1;
  private static final String HASHED_2222 = "|1|8w9ADHII2FRoeu8dI7Y17a1DsG0=|N9BdrOCq3gLpV6slQ7nnDVL34HE= ssh-ed25519 " + K2;

  private static byte[] key(String base64) {
    return Base64.getDecoder().decode(base64);
  }

  private static KnownHosts parse(String... lines) {
    return KnownHosts.parse(Path.of("/test/known_hosts"), List.of(lines));
  }

  @Test
  void fingerprintIsWhatSshKeygenPrints() {
    assertThat(Fingerprints.sha256(key(K1))).isEqualTo("SHA256:DRRgCnkEAdkBGNHoEhSFjr5sM2PxaNJho36NLGWBq7o");
    assertThat(Fingerprints.sha256(key(K2))).isEqualTo("SHA256:npjFuSpMcMyCXN84S75UmUR7iEcT0r+NyjJAl2Q5Seo");
  }

  @Test
  void plainEntryMatchesItsHostAndKey() {
    KnownHosts hosts = parse("# comment", "", "web1,10.0.0.5 ssh-ed25519 " + K1 + " a comment");
    assertThat(hosts.check("10.0.0.5", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(hosts.check("web1", "ssh-ed25519", key(K1)).lines()).containsExactly(3);
    assertThat(hosts.check("web2", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void hashedEntriesFromSshKeygenMatchHostAndBracketedPort() {
    KnownHosts hosts = parse(HASHED_22, HASHED_2222);
    assertThat(hosts.check("127.0.2.9", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(hosts.check(KnownHosts.hostName("127.0.2.9", 2222), "ssh-ed25519", key(K2)).verdict())
        .isEqualTo(Verdict.KNOWN);
    assertThat(hosts.check("127.0.2.10", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(hosts.check("127.0.2.9", "ssh-ed25519", key(K2)).verdict()).isEqualTo(Verdict.CHANGED);
  }

  @Test
  void portOtherThan22IsLookedUpInBrackets() {
    assertThat(KnownHosts.hostName("h", 22)).isEqualTo("h");
    assertThat(KnownHosts.hostName("h", 2201)).isEqualTo("[h]:2201");
    KnownHosts hosts = parse("[127.0.0.1]:2201 ssh-ed25519 " + K1);
    assertThat(hosts.check("[127.0.0.1]:2201", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(hosts.check("127.0.0.1", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void differentKeyOfSameTypeIsChangedAndNamesTheLine() {
    KnownHosts hosts = parse("other ssh-ed25519 " + K2, "h ssh-ed25519 " + K1);
    HostKeyCheck check = hosts.check("h", "ssh-ed25519", key(K2));
    assertThat(check.verdict()).isEqualTo(Verdict.CHANGED);
    assertThat(check.lines()).containsExactly(2);
  }

  @Test
  void keyOfAnotherTypeIsUnknownButReportsTheKnownTypes() {
    KnownHosts hosts = parse("h ssh-rsa " + RSA);
    HostKeyCheck check = hosts.check("h", "ssh-ed25519", key(K1));
    assertThat(check.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(check.otherKeyTypes()).containsExactly("ssh-rsa");
    assertThat(hosts.keyTypes("h")).containsExactly("ssh-rsa");
  }

  @Test
  void wildcardsAndNegationFollowOpenSsh() {
    KnownHosts hosts = parse("*.lab,!bad.lab,10.0.?.1 ssh-ed25519 " + K1);
    assertThat(hosts.check("web.lab", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(hosts.check("WEB.LAB", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(hosts.check("10.0.7.1", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(hosts.check("bad.lab", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(hosts.check("10.0.17.1", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void revokedKeyIsRefusedEvenWhenAlsoListedAsValid() {
    KnownHosts hosts = parse("h ssh-ed25519 " + K1, "@revoked * ssh-ed25519 " + K1);
    assertThat(hosts.check("h", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.REVOKED);
  }

  @Test
  void certAuthorityLinesAreNotHostKeys() {
    KnownHosts hosts = parse("@cert-authority * ssh-ed25519 " + K1);
    assertThat(hosts.check("h", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void brokenLinesAreSkippedAndListed() {
    KnownHosts hosts = parse("h ssh-ed25519", "h ssh-ed25519 !!!notbase64", "h ssh-ed25519 " + K1);
    assertThat(hosts.badLines()).containsExactly(1, 2);
    assertThat(hosts.check("h", "ssh-ed25519", key(K1)).lines()).containsExactly(3);
  }

  @Test
  void appendCreatesPrivateFileAndKeepsExistingLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/known_hosts");
    KnownHosts.append(file, "[h]:2201", "ssh-ed25519", key(K1));
    Files.writeString(file, Files.readString(file) + "x ssh-ed25519 " + K2);  // no trailing newline
    KnownHosts.append(file, "g", "ssh-ed25519", key(K2));
    assertThat(Files.readAllLines(file))
        .containsExactly("[h]:2201 ssh-ed25519 " + K1, "x ssh-ed25519 " + K2, "g ssh-ed25519 " + K2);
    assertThat(KnownHosts.read(file).check("[h]:2201", "ssh-ed25519", key(K1)).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void missingFileIsEmpty(@TempDir Path dir) throws Exception {
    assertThat(KnownHosts.read(dir.resolve("none")).entries()).isEmpty();
  }
}
