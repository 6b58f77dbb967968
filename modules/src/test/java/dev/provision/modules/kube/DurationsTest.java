package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"300,300000", "90s,90000", "5m,300000", "1h30m,5400000", "500ms,500", "2m30s,150000", " 5M ,300000"})
  void parsesDurationsAsPeopleWriteThem(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "five minutes", "5 m", "m5", "5m-", "-5"})
  void refusesOtherText(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("is not a duration");
  }

  @ParameterizedTest
  @CsvSource({"300000,5m", "90000,1m30s", "800,800ms", "3600000,1h", "0,0ms", "45000,45s"})
  void formatsShortly(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }
}
