package dev.provision.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrel.jsonschema.Validator;
import dev.harrel.jsonschema.ValidatorFactory;
import dev.provision.cli.testing.ChildCli;
import dev.provision.cli.testing.SlowHttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every event of real runs (apply, plan, a rerun, failures, an unreachable host, loops, handlers,
 * retries, progress, diffs, a play that --limit left empty) against docs/events.schema.json, with a
 * JSON Schema 2020-12 validator; and the schema covers every event type and status the runs made.
 */
class EventSchemaTest {

  private static final Path SCHEMA = Path.of("..", "docs", "events.schema.json");
  private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z_]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");

  @TempDir static Path dir;
  private static final List<String> events = new ArrayList<>();
  private static Instant started;

  @BeforeAll
  static void runs() throws Exception {
    started = Instant.now();
    try (SlowHttpServer server = SlowHttpServer.start(8, 32 * 1024, 120)) {
      Path inventory = Files.writeString(dir.resolve("hosts.ini"), """
          [local]
          alpha ansible_connection=local
          beta ansible_connection=local
          [away]
          gone ansible_host=127.0.0.1 ansible_port=1
          """);
      Path book = Files.writeString(dir.resolve("site.yaml"), """
          - name: events
            hosts: all
            vars:
              base: "%s"
            tasks:
              - name: items
                command: "echo {{ item }}"
                loop: [a, b]
                register: echoed
                changed_when: false
              - name: write a file
                copy: {dest: "{{ base }}/{{ inventory_hostname }}.conf", content: "x\\n"}
                notify: written
              - name: download
                get_url: {url: "%s", dest: "{{ base }}/{{ inventory_hostname }}.bin"}
              - name: never
                debug: {msg: never}
                when: false
              - name: retried
                command: "false"
                retries: 1
                delay: 0
                ignore_errors: true
              - name: reads a registered value
                debug: {msg: "{{ echoed.results | length }} items"}
              - name: fails on beta
                command: "false"
                when: inventory_hostname == 'beta'
            handlers:
              - name: written
                debug: {msg: "handler ran"}
          - name: beta only
            hosts: beta
            gather_facts: false
            tasks:
              - debug: {msg: "{{ inventory_hostname }}"}
          """.formatted(dir, server.url("/file.bin")));
      ChildCli cli = ChildCli.in(dir).env("XDG_CACHE_HOME", dir.resolve("cache").toString());
      String[] base = {book.toString(), "-i", inventory.toString(), "--output", "json"};
      collect(cli.run(concat(base, "--plan")), 1);
      collect(cli.run(concat(base, "--diff")), 1);
      collect(cli.run(concat(base)), 1);
      collect(cli.run(concat(base, "--limit", "alpha", "--plan")), 0, 2);
    }
  }

  private static String[] concat(String[] base, String... more) {
    String[] out = new String[base.length + more.length];
    System.arraycopy(base, 0, out, 0, base.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  private static void collect(ChildCli.Result r, Integer... exits) {
    assertThat(r.code()).as(r.toString()).isIn((Object[]) exits);
    r.out().lines().filter(l -> !l.isBlank()).forEach(events::add);
  }

  @Test
  void everyEventOfRealRunsMatchesTheDocumentedSchema() throws Exception {
    Validator validator = new ValidatorFactory().createValidator();
    URI schema = validator.registerSchema(Files.readString(SCHEMA));
    assertThat(events).hasSizeGreaterThan(50);
    // the check can fail: an event without its time, or with a field the schema does not know, is refused
    String first = events.get(0);
    assertThat(validator.validate(schema, first.replaceFirst(",\"time\":\"[^\"]+\"", "")).isValid()).isFalse();
    assertThat(validator.validate(schema, first.replaceFirst("\\}$", ",\"extra\":1}")).isValid()).isFalse();
    for (String event : events) {
      Validator.Result result = validator.validate(schema, event);
      assertThat(result.isValid()).as("%s\n%s", event, result.getErrors().stream()
          .map(e -> e.getInstanceLocation() + " " + e.getKeyword() + ": " + e.getError()).toList()).isTrue();
    }
  }

  @Test
  void theRunsMadeEveryEventTypeAndStatusSoTheCheckCoversThem() {
    Set<String> types = new LinkedHashSet<>();
    Set<String> statuses = new LinkedHashSet<>();
    for (String event : events) {
      Matcher t = TYPE.matcher(event);
      if (t.find()) {
        types.add(t.group(1));
      }
      Matcher s = STATUS.matcher(event);
      if (s.find()) {
        statuses.add(s.group(1));
      }
    }
    assertThat(types).containsExactlyInAnyOrder("run_started", "play_started", "task_started", "task_progress",
        "task_retrying", "task_result", "recap");
    assertThat(statuses).containsExactlyInAnyOrder("ok", "changed", "failed", "skipped", "unreachable", "deferred");
    assertThat(events).anyMatch(e -> e.contains("\"diffs\":[")).anyMatch(e -> e.contains("\"actions\":["))
        .anyMatch(e -> e.contains("\"play\":\"beta only\",\"hosts\":[]"));
  }

  @Test
  void everyNodeHasOneResultAndItsNeedsReportedBeforeIt() {
    Pattern nodes = Pattern.compile("\"type\":\"run_started\".*\"nodes\":(\\d+)");
    Pattern node = Pattern.compile("\"node\":(\\d+)");
    Pattern needs = Pattern.compile("\"needs\":\\[([0-9,]*)]");
    int runs = 0;
    int planned = 0;
    Set<Integer> reported = new LinkedHashSet<>();
    Set<Integer> seen = new LinkedHashSet<>();
    for (String event : events) {
      Matcher run = nodes.matcher(event);
      if (run.find()) {
        runs++;
        planned = Integer.parseInt(run.group(1));
        reported.clear();
        seen.clear();
        continue;
      }
      Matcher n = node.matcher(event);
      if (event.startsWith("{\"type\":\"task_")) {
        assertThat(n.find()).as(event).isTrue();
        int id = Integer.parseInt(n.group(1));
        assertThat(id).as(event).isBetween(1, planned);
        seen.add(id);
        if (event.startsWith("{\"type\":\"task_result\"")) {
          Matcher m = needs.matcher(event);
          assertThat(m.find()).as(event).isTrue();
          for (String need : m.group(1).split(",")) {
            if (!need.isEmpty()) { // a node waits for its needs: their results came first
              assertThat(reported).as(event).contains(Integer.parseInt(need));
            }
          }
          assertThat(reported.add(id)).as("one result for node %d: %s", id, event).isTrue();
        }
      } else if (event.startsWith("{\"type\":\"recap\"")) {
        assertThat(reported).as("every node has a result").hasSize(planned).containsAll(seen);
      }
    }
    assertThat(runs).isEqualTo(4);
  }

  @Test
  void everyEventCarriesTheSchemaVersionAndItsTimeFirst() {
    Pattern head = Pattern.compile("^\\{\"type\":\"[a-z_]+\",\"schema_version\":1,\"time\":\"([^\"]+)\"");
    for (String event : events) {
      Matcher m = head.matcher(event);
      assertThat(m.find()).as(event).isTrue();
      Instant time = Instant.parse(m.group(1));
      assertThat(time).isBetween(started.minusSeconds(1), Instant.now());
    }
  }
}
