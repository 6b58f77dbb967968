package dev.provision.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The kept tail of a stream is exactly its last N bytes, whatever the sizes of the writes. */
class OutputTailTest {

  @Test
  void shortOutputIsKeptWhole() {
    OutputTail tail = new OutputTail(1024);
    tail.write("hello\n".getBytes(), 0, 6);
    assertThat(tail.bytes()).isEqualTo("hello\n".getBytes());
    assertThat(tail.dropped()).isZero();
  }

  @Test
  void randomWritesKeepTheLastBytesAndCountTheRest() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      int capacity = 1 + random.nextInt(300);
      OutputTail tail = new OutputTail(capacity);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      int writes = random.nextInt(40);
      for (int w = 0; w < writes; w++) {
        byte[] chunk = new byte[random.nextInt(random.nextBoolean() ? 20 : 700)];
        random.nextBytes(chunk);
        int off = chunk.length == 0 ? 0 : random.nextInt(chunk.length);
        int len = chunk.length - off;
        if (random.nextInt(5) == 0 && len > 0) {
          tail.write(chunk[off]);
          all.write(chunk[off]);
        } else {
          tail.write(chunk, off, len);
          all.write(chunk, off, len);
        }
      }
      byte[] every = all.toByteArray();
      byte[] expected = Arrays.copyOfRange(every, Math.max(0, every.length - capacity), every.length);
      assertThat(tail.bytes()).as("round %d, capacity %d", round, capacity).isEqualTo(expected);
      assertThat(tail.dropped()).isEqualTo(every.length - expected.length);
    }
  }

  @Test
  void theLimitIsReadAsASize() {
    assertThat(OutputTail.parseLimit(null)).isEqualTo(16 << 20);
    assertThat(OutputTail.parseLimit("1MiB")).isEqualTo(1 << 20);
    assertThat(OutputTail.parseLimit("512 KiB")).isEqualTo(512 << 10);
    assertThat(OutputTail.parseLimit("4096")).isEqualTo(4096);
    assertThatThrownBy(() -> OutputTail.parseLimit("lots")).hasMessageContaining("PROVISION_MAX_OUTPUT=lots is not a size");
    assertThatThrownBy(() -> OutputTail.parseLimit("10")).hasMessageContaining("between 1KiB and 2GiB");
  }

  @Test
  void aLocalCommandPrintingMoreThanTheLimitKeepsItsTail() throws Exception {
    ConnectionSpec local = new ConnectionSpec("me", "local", null, 0, null, null, null, false, null, null);
    long bytes = OutputTail.limit() + 3_000_000L;
    try (Connection connection = new DefaultConnectionFactory().open(local)) {
      CommandResult r = connection.run(Command.of("head -c " + bytes + " /dev/zero | tr '\\0' x; echo END"));
      assertThat(r.exitCode()).isZero();
      assertThat(r.stdout()).hasSize(OutputTail.limit()).endsWith("xxxEND\n");
      assertThat(r.stdoutDropped()).isEqualTo(bytes + 4 - OutputTail.limit());
      assertThat(r.truncated()).isTrue();
    }
  }
}
