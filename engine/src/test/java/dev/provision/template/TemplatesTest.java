package dev.provision.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplatesTest {

  private final Templates templates = new Templates();

  private static Map<String, Object> vars() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", "web1");
    v.put("port", 8080L);
    v.put("pkgs", List.of("qemu-kvm", "libvirt"));
    v.put("conf", Map.of("mode", "0644", "owner", "root"));
    v.put("flag", "false");
    v.put("blank", "");
    v.put("nothing", null);
    v.put("changed_result", Map.of("changed", true, "failed", false, "skipped", false, "rc", 0L));
    v.put("failed_result", Map.of("changed", false, "failed", true, "skipped", false, "rc", 2L));
    v.put("skipped_result", Map.of("changed", false, "failed", false, "skipped", true));
    return v;
  }

  private Object render(Object value) throws TemplateException {
    return templates.render(value, vars());
  }

  @Test
  void stringsWithoutTemplatesAreReturnedAsTheyAre() throws TemplateException {
    Object value = List.of("plain", Map.of("k", "v"));
    assertThat(render(value)).isSameAs(value);
  }

  @Test
  void mixedTextRendersToAString() throws TemplateException {
    assertThat(render("host {{ name }}:{{ port }}")).isEqualTo("host web1:8080");
  }

  @Test
  void mixedTextPrintsValuesAsJinjaDoes() throws TemplateException {
    // Ansible 2.14: debug msg="x {{ true }} {{ none }} {{ [true, 'a', 1.0] }} {{ {'a': none} }} {{ 'q' * 2 }}{{ '%03d' % 5 }}"
    assertThat(render("x {{ true }} {{ none }} {{ [true, 'a', 1.0] }} {{ {'a': none} }} {{ 'q' * 2 }}{{ '%03d' % 5 }}"))
        .isEqualTo("x True  [True, 'a', 1.0] {'a': None} qq005");
    assertThat(render("{{ true }}")).isEqualTo(true); // a single expression keeps the bool
  }

  @Test
  void andGivesAnOperandButConditionsDecideAsBefore() throws TemplateException {
    assertThat(render("{{ port > 80 and 'big' or 'small' }}")).isEqualTo("big");
    assertThat(templates.test("flag and true", vars())).isFalse(); // `-e flag=false` is false in a condition
    assertThat(templates.test("name and port", vars())).isTrue();
  }

  @Test
  void aSingleExpressionKeepsItsNativeType() throws TemplateException {
    assertThat(render("{{ pkgs }}")).isEqualTo(List.of("qemu-kvm", "libvirt"));
    assertThat(render("{{ port }}")).isEqualTo(8080L);
    assertThat(render("{{ port + 1 }}")).isEqualTo(8081L);
    assertThat(render("{{ conf }}")).isEqualTo(Map.of("mode", "0644", "owner", "root"));
    assertThat(render("{{ port > 80 }}")).isEqualTo(true);
    assertThat(render("{{ pkgs | length }}")).isEqualTo(2L);
    assertThat(render("{{ name }}")).isEqualTo("web1");
  }

  @Test
  void mapsAndListsAreWalked() throws TemplateException {
    Object rendered = render(Map.of("dest", "/etc/{{ name }}.conf", "items", List.of("{{ port }}", "x")));
    assertThat(rendered).isEqualTo(Map.of("dest", "/etc/web1.conf", "items", List.of(8080L, "x")));
  }

  @Test
  void variablesHoldingTemplatesAreRenderedInTurn() throws TemplateException {
    Map<String, Object> v = vars();
    v.put("url", "http://{{ name }}:{{ port }}");
    v.put("endpoint", "{{ url }}/api");
    assertThat(templates.render("{{ endpoint }}", v)).isEqualTo("http://web1:8080/api");
    assertThat(templates.render("GET {{ endpoint }}", v)).isEqualTo("GET http://web1:8080/api");
  }

  @Test
  void aVariableThatRefersToItselfIsAnErrorNotAHang() {
    Map<String, Object> v = vars();
    v.put("loop_var", "{{ loop_var }}");
    assertThatThrownBy(() -> templates.render("{{ loop_var }}", v)).isInstanceOf(TemplateException.class);
  }

  @Test
  void anUndefinedVariableIsAnErrorNamingIt() {
    assertThatThrownBy(() -> render("{{ nmae }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("undefined variable `nmae`")
        .hasMessageContaining("did you mean `name`?");
    assertThatThrownBy(() -> render("host {{ missing }} here"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("undefined variable `missing`");
  }

  @Test
  void aMissingAttributeNamesTheAttribute() {
    assertThatThrownBy(() -> render("{{ conf.group }}"))
        .hasMessageContaining("`conf` has no attribute `group`");
  }

  @Test
  void anUnknownFilterIsNamedWithASuggestion() {
    assertThatThrownBy(() -> render("{{ pkgs | lenght }}"))
        .hasMessageContaining("unknown filter `lenght`")
        .hasMessageContaining("did you mean `length`?");
  }

  @Test
  void aSyntaxErrorIsATemplateException() {
    assertThatThrownBy(() -> render("{{ port + }}")).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> render("{% if port %}open")).isInstanceOf(TemplateException.class);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
      "port > 80 => true",
      "port < 80 => false",
      "flag => false",
      "flag | bool == false => true",
      "blank => false",
      "nothing => false",
      "pkgs => true",
      "'libvirt' in pkgs => true",
      "'docker' in pkgs => false",
      "'docker' not in pkgs => true",
      "undefined_thing is defined => false",
      "undefined_thing is undefined => true",
      "name is defined => true",
      "nothing is none => true",
      "name is none => false",
      "changed_result is changed => true",
      "changed_result is succeeded => true",
      "changed_result is success => true",
      "changed_result is failed => false",
      "failed_result is failed => true",
      "failed_result is failure => true",
      "failed_result is not succeeded => true",
      "failed_result.rc == 2 => true",
      "skipped_result is skipped => true",
      "changed_result is skipped => false",
      "'{{ port > 80 }}' => true",
      "name == 'web1' and port == 8080 => true",
      "name == 'web1' and not (port == 8080) => false",
  })
  void conditionsFollowAnsibleTruthiness(String expression, boolean expected) throws TemplateException {
    String e = expression.startsWith("'{{") ? expression.substring(1, expression.length() - 1) : expression;
    assertThat(templates.test(e, vars())).isEqualTo(expected);
  }

  @Test
  void aConditionOnAnUndefinedVariableIsAnError() {
    assertThatThrownBy(() -> templates.test("missing == 1", vars()))
        .hasMessageContaining("undefined variable `missing`");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = " => ", value = {
      "{{ missing | default('x') }} => x",
      "{{ missing | d('x') }} => x",
      "{{ blank | default('x') }} => ''",
      "{{ blank | default('x', true) }} => x",
      "{{ conf.group | default('wheel') }} => wheel",
      "{{ 'yes' | bool }} => true",
      "{{ 'off' | bool }} => false",
      "{{ '42' | int + 1 }} => 43",
      "{{ 'nope' | int }} => 0",
      "{{ '1.5' | float * 2 }} => 3.0",
      "{{ port | string }} => 8080",
      "{{ 'ABC' | lower }} => abc",
      "{{ 'abc' | upper }} => ABC",
      "{{ '  pad  ' | trim }} => pad",
      "{{ 'a-b-c' | replace('-', '_') }} => a_b_c",
      "{{ pkgs | join(',') }} => qemu-kvm,libvirt",
      "{{ pkgs | length }} => 2",
      "{{ 'kernel-5.14.0' | regex_replace('^kernel-(\\d+)\\..*$', 'v\\1') }} => v5",
      "{{ 'version: 1.2.3' | regex_search('[0-9.]+') }} => 1.2.3",
      "{{ 'version: 1.2.3' | regex_search('(\\d+)\\.(\\d+)', '\\2') | first }} => 2",
      "{{ ('abc' | regex_search('z')) is none }} => true",
      "{{ {'mode': '0644'} | to_json }} => {\"mode\": \"0644\"}",
      "{{ '{\"a\": [1, 2]}' | from_json }} => {a=[1, 2]}",
      "{{ 'hello' | b64encode }} => aGVsbG8=",
      "{{ 'aGVsbG8=' | b64decode }} => hello",
      "{{ '/etc/kubernetes/admin.conf' | basename }} => admin.conf",
      "{{ '/etc/kubernetes/admin.conf' | dirname }} => /etc/kubernetes",
      "{{ '/x' | dirname }} => /",
      "{{ 'x86_64' | goarch }} => amd64",
      "{{ 'aarch64' | goarch }} => arm64",
      "{{ 's390x' | goarch }} => s390x",
      "{{ name | mandatory }} => web1",
      "{{ (port > 80) | ternary('high', 'low') }} => high",
      "{{ (port < 80) | ternary('high', 'low') }} => low",
      "{{ {'a': 1} | dict2items | first }} => {key=a, value=1}",
      "{{ [{'key': 'a', 'value': 1}] | items2dict }} => {a=1}",
  })
  void ansibleFiltersBehaveAsInAnsible(String template, String expected) throws TemplateException {
    Object result = render(template);
    assertThat(String.valueOf(result)).isEqualTo(expected.equals("''") ? "" : expected);
  }

  @Test
  void filtersKeepNativeTypes() throws TemplateException {
    assertThat(render("{{ missing | default(3) }}")).isEqualTo(3L);
    assertThat(render("{{ missing | default([]) }}")).isEqualTo(List.of());
    assertThat(render("{{ '7' | int }}")).isEqualTo(7L);
    assertThat(render("{{ 'true' | bool }}")).isEqualTo(true);
    assertThat(render("{{ '[1, 2]' | from_json }}")).isEqualTo(List.of(1L, 2L));
  }

  @Test
  void mandatoryFailsOnAnUndefinedValue() {
    assertThatThrownBy(() -> render("{{ missing | mandatory }}")).isInstanceOf(TemplateException.class);
  }

  @Test
  void toNiceJsonIndents() throws TemplateException {
    assertThat((String) render("{{ {'a': 1} | to_nice_json }}")).contains("\n").contains("\"a\": 1");
  }

  @Test
  void resultTestsRefuseSomethingThatIsNotAResult() {
    assertThatThrownBy(() -> templates.test("name is changed", vars())).isInstanceOf(TemplateException.class);
  }

  @Test
  void forLoopsAndSetWork() throws TemplateException {
    assertThat(render("{% for p in pkgs %}{{ p }};{% endfor %}")).isEqualTo("qemu-kvm;libvirt;");
    assertThat(render("{% set x = port * 2 %}{{ x }}")).isEqualTo("16160");
  }

  @Test
  void referencedVariablesAreTheRootNames() {
    assertThat(templates.referencedVariables("{{ a.b.c }} and {{ d['e'] | default(f) }}", false))
        .containsExactly("a", "d", "f");
    assertThat(templates.referencedVariables("result is changed and x in groups['kube']", true))
        .containsExactly("result", "x", "groups");
    assertThat(templates.referencedVariables("{% for h in hosts %}{{ h.name }}{{ loop.index }}{% endfor %}", false))
        .containsExactly("hosts");
    assertThat(templates.referencedVariables("{% set n = base + 1 %}{{ n }}", false)).containsExactly("base");
    assertThat(templates.referencedVariables("{{ 'literal' | upper }} {{ 3 + 4 }} {{ true }} {{ none }}", false))
        .isEmpty();
    assertThat(templates.referencedVariables("{{ range(3) | list }} {{ x | default(y, boolean=true) }}", false))
        .containsExactly("x", "y");
    assertThat(templates.referencedVariables("no template here", false)).isEmpty();
    assertThat(templates.referencedVariables("{% raw %}{{ not_a_var }}{% endraw %}{{ real }}", false))
        .containsExactly("real");
    assertThat(templates.referencedVariables("a if b else c", true)).containsExactly("a", "b", "c");
  }

  @Test
  void variableReferencesCarryOffsets() {
    String text = "x {{ alpha }} {{ beta.gamma | default(1) }} {{ delta['k'] is defined }}";
    assertThat(templates.variableReferences(text, false)).containsExactly(
        new VariableReference("alpha", text.indexOf("alpha"), false),
        new VariableReference("beta", text.indexOf("beta"), true),
        new VariableReference("delta", text.indexOf("delta"), true));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", value = {
      "{{ unclosed => `{{` is never closed => 0",
      "{% if x %}yes => `{% if %}` is never closed => 0",
      "{% for x in y %}{{ x }}{% endif %} => closes nothing => 23",
      "{{ 1 + }} => template syntax error => 5",
      "{{ x | lenght }} => unknown filter `lenght` => 7",
      "{{ x is chnged }} => unknown test `chnged` => 8",
      "{{ lokup('env', 'HOME') }} => unknown function `lokup` => 2",
      "{{ }} => empty expression => 0",
      "{% endfor %} => closes nothing => 0",
      "{{ x = 1 }} => `=` is not allowed => 5",
      "{{ a; b }} => `;` is not allowed => 4",
  })
  void syntaxProblemsAreFoundWithoutVariables(String text, String message, int offset) {
    List<TemplateProblem> problems = templates.check(text, false);
    assertThat(problems).isNotEmpty();
    assertThat(problems.get(0).message()).contains(message);
    assertThat(problems.get(0).offset()).isEqualTo(offset);
  }

  @Test
  void validTemplatesHaveNoProblems() {
    assertThat(templates.check("{{ a | default('x') }} {% for i in items %}{{ i }}{% endfor %}", false)).isEmpty();
    assertThat(templates.check("result is changed and x in ['a', 'b']", true)).isEmpty();
    assertThat(templates.check("{{ x > 1 }}", true)).as("a braced condition, as Ansible accepts").isEmpty();
    assertThat(templates.check("plain text with { braces }", false)).isEmpty();
    assertThat(templates.check("{{ x | regex_replace('a', 'b') | b64encode | to_json }}", false)).isEmpty();
  }

  @Test
  void anAssignmentIsNotAComparison() {
    assertThatThrownBy(() -> templates.test("port = 1", vars())).hasMessageContaining("`=` is not allowed");
    assertThat(templates.check("x | default(y, boolean=true)", true)).isEmpty();
  }

  @Test
  void aBareExpressionWithASyntaxErrorIsAProblem() {
    assertThat(templates.check("x ==", true)).isNotEmpty();
    assertThat(templates.check("(x", true)).isNotEmpty();
  }

  @Test
  void guardedUsesOfUndefinedVariablesAreFine() throws TemplateException {
    assertThat(templates.test("missing is defined and missing > 1", vars())).isFalse();
    assertThat(render("{% if missing is defined %}{{ missing }}{% else %}none{% endif %}")).isEqualTo("none");
    assertThat(render("{{ missing if missing is defined else 'fallback' }}")).isEqualTo("fallback");
    assertThat(templates.test("missing.attr is undefined", vars())).isTrue();
  }

  @Test
  void aNullVariableRendersAsNullNotAsAnError() throws TemplateException {
    // Differs from Ansible: Jinjava's `is defined` is false for a null value.
    assertThat(render("{{ nothing }}")).isNull();
    assertThat(templates.test("nothing is none", vars())).isTrue();
  }

  @Test
  void backslashesInStringLiteralsReadAsUnderAnsible() throws TemplateException {
    // inside {{ }} Ansible doubles backslashes before Jinja reads them, so they stay literal
    assertThat(render("{{ 'a1b22' | regex_replace('\\d+', '#') }}")).isEqualTo("a#b#");
    assertThat(render("{{ 'x' ~ '\\n' ~ 'y' }}")).isEqualTo("x\\ny");
    assertThat(render("{{ 'it\\'s' }}")).isEqualTo("it\\'s");
    assertThat(render("{{ 'a\\\\b' }}")).isEqualTo("a\\\\b");
    // bare expressions (when:, that:) and {% %} tags read them as Python does
    assertThat(templates.evaluate("'x' ~ '\\n' ~ 'y'", vars())).isEqualTo("x\ny");
    assertThat(templates.evaluate("'it\\'s'", vars())).isEqualTo("it's");
    assertThat(templates.evaluate("'a1b22' | regex_replace('\\d+', '#')", vars())).isEqualTo("a#b#");
    assertThat(render("{% if 'x\\ny' | length == 3 %}newline{% endif %}")).isEqualTo("newline");
  }

  @Test
  void oneInstanceServesManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int n = i;
        futures.add(pool.submit(() -> templates.render("{{ n * 2 }}-{{ name }}", Map.of("n", n, "name", "h" + n))));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo((i * 2) + "-h" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lookupsReadTheControllerFromThePlaybooksFolderAndPasswordIsRefused(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("files"));
    java.nio.file.Files.writeString(dir.resolve("files/motd"), "from files\n");
    java.nio.file.Files.writeString(dir.resolve("only-here"), "from the playbook's folder");
    Map<String, Object> vars = new java.util.HashMap<>(vars());
    vars.put("playbook_dir", dir.toString());

    assertThat(templates.render("{{ lookup('file', 'motd') }}", vars)).isEqualTo("from files");
    assertThat(templates.render("{{ lookup('file', 'only-here') }}", vars)).isEqualTo("from the playbook's folder");
    assertThat(templates.render("{{ lookup('pipe', 'pwd') }}", vars)).isEqualTo(dir.toRealPath().toString());
    assertThat(templates.render("{{ lookup('fileglob', 'mo*') }}", vars)).isEqualTo(dir.resolve("files/motd").toString());
    assertThatThrownBy(() -> templates.render("{{ lookup('password', '/tmp/x') }}", vars))
        .isInstanceOf(TemplateException.class).hasMessageContaining("lookup('password') is not supported: it writes");
    assertThatThrownBy(() -> templates.render("{{ lookup('dig', 'example.com') }}", vars))
        .isInstanceOf(TemplateException.class).hasMessageContaining("lookup('dig') is not supported yet");
  }
}
