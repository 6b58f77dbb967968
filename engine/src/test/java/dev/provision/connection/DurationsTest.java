package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration syntax, of task keywords and of module parameters alike. */
class DurationsTest {

  @ParameterizedTest
  @CsvSource({"300,300000", "90s,90000", "5m,300000", "1h30m,5400000", "500ms,500", "2m30s,150000", " 5M ,300000",
      "0,0", "0.5,500", ".25,250", "1.5s,1500", "1.5h,5400000", "0.1s,100", "1h0m5s,3605000"})
  void parsesDurationsAsPeopleWriteThem(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void yamlNumbersAreSeconds() {
    assertThat(Durations.of(30L)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.of(0.5)).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.of("1m")).isEqualTo(Duration.ofMinutes(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "five minutes", "5 m", "m5", "5m-", "-5", "5 minutes", "1d", "1.5.5s", "s", "5sm"})
  void refusesOtherTextSayingWhatWasWrittenWithAnExample(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`" + text + "` is not a duration; write it like 30 (seconds), 90s, 5m, 1h30m, 500ms or 1.5s");
  }

  @Test
  void refusesNegativeNumbersAndOtherValues() {
    assertThatThrownBy(() -> Durations.of(-1L)).hasMessageContaining("`-1` is not a duration");
    assertThatThrownBy(() -> Durations.of(true)).hasMessageContaining("is not a duration");
  }

  @ParameterizedTest
  @CsvSource({"300000,5m", "90000,1m30s", "800,800ms", "3600000,1h", "0,0ms", "45000,45s", "1500,1.5s", "1000,1s",
      "5400500,1h30m0.5s", "700,700ms"})
  void formatsShortlyAndReadablyBack(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void noDurationIsNoLimit() {
    assertThat(Durations.format(null)).isEqualTo("no limit");
  }
}
