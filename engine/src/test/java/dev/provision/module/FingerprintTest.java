package dev.provision.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a saved plan keeps of a read: the same value gives the same digest, any change another, never the value. */
class FingerprintTest {

  record Stat(String type, int mode, List<String> names) {}

  @Test
  void mapsAreCanonicalWhateverTheirOrder() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("b", 1);
    a.put("a", List.of("x", "y"));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("a", List.of("x", "y"));
    b.put("b", 1);
    assertThat(Fingerprint.of(a)).isEqualTo(Fingerprint.of(b)).startsWith("sha256:").hasSize(7 + 64);
  }

  @Test
  void anyChangeInARecordOrListOrTypeGivesAnotherFingerprint() {
    String seen = Fingerprint.of(new Stat("file", 0644, List.of("a")));
    assertThat(Fingerprint.of(new Stat("file", 0644, List.of("a")))).isEqualTo(seen);
    assertThat(Fingerprint.of(new Stat("file", 0600, List.of("a")))).isNotEqualTo(seen);
    assertThat(Fingerprint.of(new Stat("file", 0644, List.of("a", "b")))).isNotEqualTo(seen);
    assertThat(Fingerprint.of(List.of("ab", "c"))).isNotEqualTo(Fingerprint.of(List.of("a", "bc")));
    assertThat(Fingerprint.of(1L)).isNotEqualTo(Fingerprint.of("1"));
    assertThat(Fingerprint.of(null)).isNotEqualTo(Fingerprint.of("~"));
  }

  @Test
  void theValueItselfIsNotInTheFingerprintAndBriefIsItsStart() {
    String secret = "hunter2-secret";
    String f = Fingerprint.of(Map.of("password", secret));
    assertThat(f).doesNotContain(secret);
    assertThat(Fingerprint.brief(f)).hasSize(12).isEqualTo(f.substring(7, 19));
  }
}
