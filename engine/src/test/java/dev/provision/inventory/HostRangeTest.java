package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostRangeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "worker[01:03].home.local ; worker01.home.local worker02.home.local worker03.home.local ; ",
        "node[1:10:4] ; node1 node5 node9 ; ",
        "db-[a:c] ; db-a db-b db-c ; ",
        "r[A:B]-[1:2] ; rA-1 rA-2 rB-1 rB-2 ; ",
        "edge[1:2]:2222 ; edge1 edge2 ; 2222",
        "[2001:db8::1]:22 ; 2001:db8::1 ; 22",
        "10.0.0.[1:2]:8022 ; 10.0.0.1 10.0.0.2 ; 8022",
        "2001:db8::1 ; 2001:db8::1 ; ",
        "plain ; plain ; ",
        "z[:2] ; z0 z1 z2 ; ",
      })
  void expandsRangesAndSplitsThePortLikeAnsible(String entry, String hosts, Integer port) {
    HostRange.Expansion expansion = HostRange.expand(entry);
    assertThat(expansion.hosts()).isEqualTo(List.of(hosts.split(" ")));
    assertThat(expansion.port()).isEqualTo(port);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "w[01:3] ; equal-length begin and end",
        "w[1:] ; must specify end value",
        "w[1:2:3:4] ; begin:end or begin:end:step",
        "w[c:a] ; begin <= end",
        "w[1:x] ; neither a number nor a single letter",
        "w[1:3:0] ; step must be a positive number",
        "w[1:3 ; unbalanced brackets",
        "host: ; reserved for a port",
      })
  void refusesMalformedRangesWithAnsiblesReason(String entry, String reason) {
    assertThatThrownBy(() -> HostRange.expand(entry)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
  }
}
