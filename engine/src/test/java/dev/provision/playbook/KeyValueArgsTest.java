package dev.provision.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceSpan;
import dev.provision.yaml.YMap;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YScalar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ansible's {@code key=value} module arguments, as its parse_kv reads them. */
class KeyValueArgsTest {

  private static YScalar scalar(String text) {
    return new YScalar(text, true, new SourceSpan("t.yaml", 3, 13, 3, 13 + text.length()));
  }

  private static Map<String, Object> read(String text, String freeForm, Diagnostics out) {
    YNode node = KeyValueArgs.arguments(scalar(text), null, "m", freeForm, out);
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = node instanceof YMap ? (Map<String, Object>) node.toPlain() : Map.of("_text", node.toPlain());
    return plain;
  }

  @Test
  void wordsWithAnEqualsSignAreParametersAndTheirQuotesGo() {
    Diagnostics out = new Diagnostics();
    assertThat(read("path=/x state=touch mode='0644'", null, out))
        .containsExactly(Map.entry("path", "/x"), Map.entry("state", "touch"), Map.entry("mode", "0644"));
    assertThat(read("msg=\"hello   world\"", null, out)).containsExactly(Map.entry("msg", "hello   world"));
    assertThat(out.hasErrors()).isFalse();
  }

  @Test
  void templatesKeepTheirSpacesAndTheirOwnEqualsSigns() {
    Diagnostics out = new Diagnostics();
    assertThat(read("msg={{ a | join(' ') }} var={{ x == 1 }}", null, out))
        .containsExactly(Map.entry("msg", "{{ a | join(' ') }}"), Map.entry("var", "{{ x == 1 }}"));
    assertThat(out.hasErrors()).isFalse();
  }

  @Test
  void escapesAreDecodedInValues() {
    Diagnostics out = new Diagnostics();
    assertThat(read("msg=\"a\\nb\" other=c\\=d", null, out))
        .containsExactly(Map.entry("msg", "a\nb"), Map.entry("other", "c=d"));
  }

  @Test
  void aFreeFormModuleThatIsNoCommandTakesEveryNameValueWordAsAParameter() {
    Diagnostics out = new Diagnostics();
    assertThat(read("update_cache=yes cache_valid_time=600", "name", out))
        .containsExactly(Map.entry("update_cache", "yes"), Map.entry("cache_valid_time", "600"));
    assertThat(read("nginx state=latest", "name", out))
        .containsExactly(Map.entry("name", "nginx"), Map.entry("state", "latest"));
    assertThat(read("nginx", "name", out)).containsExactly(Map.entry("_text", "nginx"));
    assertThat(out.hasErrors()).isFalse();
  }

  @Test
  void aFreeFormModuleKeepsEverythingButItsOptionsInItsText() {
    Diagnostics out = new Diagnostics();
    assertThat(read("echo a=b  \"x y\" > /tmp/f chdir=/tmp creates=/tmp/f", "cmd", out))
        .containsExactly(Map.entry("cmd", "echo a=b  \"x y\" > /tmp/f"), Map.entry("chdir", "/tmp"),
            Map.entry("creates", "/tmp/f"));
    assertThat(read("uname -r", "cmd", out)).containsExactly(Map.entry("_text", "uname -r"));
    assertThat(out.hasErrors()).isFalse();
  }

  @Test
  void freeTextWhereTheModuleTakesNoneIsAnErrorAtTheWord() {
    Diagnostics out = new Diagnostics();
    read("path=/x touch", null, out);
    assertThat(out.asList()).singleElement().satisfies(d -> {
      assertThat(d.summary()).contains("module `m` takes `key=value` parameters or a mapping, not free text `touch`");
      assertThat(d.span().column()).isEqualTo(13 + 8);
    });
  }

  @Test
  void unbalancedQuotesAreReported() {
    Diagnostics out = new Diagnostics();
    read("msg='oops", null, out);
    assertThat(out.asList()).singleElement().satisfies(d -> assertThat(d.summary()).contains("quote is not closed"));
  }

  @Test
  void spansPointAtEachKeyAndValue() {
    Diagnostics out = new Diagnostics();
    YMap map = (YMap) KeyValueArgs.arguments(scalar("path=/x state=touch"), null, "m", null, out);
    assertThat(map.keySpan("state").column()).isEqualTo(13 + 8);
    assertThat(map.entries().get("state").span().column()).isEqualTo(13 + 14);
  }

  @Test
  void argsIsMergedUnderTheWrittenArguments() {
    Diagnostics out = new Diagnostics();
    YMap extra = new YMap(Map.of("chdir", scalar("/a"), "creates", scalar("/c")), Map.of(), scalar("x").span());
    YNode merged = KeyValueArgs.arguments(scalar("ls chdir=/b"), extra, "command", "cmd", out);
    assertThat(merged.toPlain()).isEqualTo(Map.of("cmd", "ls", "chdir", "/b", "creates", "/c"));
    YNode plain = KeyValueArgs.arguments(scalar("ls -l"), extra, "command", "cmd", out);
    assertThat(plain.toPlain()).isEqualTo(Map.of("cmd", "ls -l", "chdir", "/a", "creates", "/c"));
    assertThat(out.hasErrors()).isFalse();
  }

  @Test
  void splitKeepsQuotedAndTemplatedWordsWhole() {
    assertThat(KeyValueArgs.split("a 'b c' {{ d e }} f\\\n g").stream().map(KeyValueArgs.Word::text).toList())
        .isEqualTo(List.of("a", "'b c'", "{{ d e }}", "f\\", "g"));
  }
}
