package dev.provision.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.testing.ChildCli;
import dev.provision.cli.testing.SlowHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads report bytes and rate while they run (get_url on the control node, http_get), through the CLI. */
class DownloadProgressTest {

  @TempDir Path dir;

  @Test
  void downloadsShowBytesAndRateWhileTheyRun() throws Exception {
    try (SlowHttpServer server = SlowHttpServer.start(12, 32 * 1024, 150)) {
      Path inventory = Files.writeString(dir.resolve("hosts.ini"), "here ansible_connection=local\n");
      Path book = Files.writeString(dir.resolve("site.yaml"), """
          - name: downloads
            hosts: here
            gather_facts: false
            tasks:
              - name: fetch a file
                get_url: {url: "%s", dest: "%s/file.bin"}
              - name: read a page
                http_get: {url: "%s"}
          """.formatted(server.url("/slow.bin"), dir, server.url("/slow.txt")));
      ChildCli.Result json = ChildCli.in(dir).env("XDG_CACHE_HOME", dir.resolve("cache").toString())
          .run(book.toString(), "-i", inventory.toString(), "--output", "json");
      assertThat(json.code()).as(json.toString()).isZero();
      assertThat(json.out().lines().filter(l -> l.contains("\"type\":\"task_progress\"")))
          .as("progress of both downloads: %s", json.out())
          .anyMatch(l -> l.contains("\"task\":\"fetch a file\"") && l.matches(".*KiB of 384\\.0 KiB \\(\\d+%\\), [0-9.]+ KiB/s.*"))
          .anyMatch(l -> l.contains("\"task\":\"read a page\"") && l.matches(".*KiB of 384\\.0 KiB \\(\\d+%\\), [0-9.]+ KiB/s.*"));
      assertThat(Files.size(dir.resolve("file.bin"))).isEqualTo(12 * 32 * 1024);
    }
  }
}
