package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.module.ModuleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6902 appendix A examples (document | patch | result), and its error cases. */
class JsonPatchTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "{foo: bar}               | [{op: add, path: /baz, value: qux}]             | {baz: qux, foo: bar}",
      "{foo: [bar, baz]}        | [{op: add, path: /foo/1, value: qux}]           | {foo: [bar, qux, baz]}",
      "{baz: qux, foo: bar}     | [{op: remove, path: /baz}]                      | {foo: bar}",
      "{foo: [bar, qux, baz]}   | [{op: remove, path: /foo/1}]                    | {foo: [bar, baz]}",
      "{baz: qux, foo: bar}     | [{op: replace, path: /baz, value: boo}]         | {baz: boo, foo: bar}",
      "{foo: {bar: baz, waldo: fred}, qux: {corge: grault}} | [{op: move, from: /foo/waldo, path: /qux/thud}] | {foo: {bar: baz}, qux: {corge: grault, thud: fred}}",
      "{foo: [all, grass, cows, eat]} | [{op: move, from: /foo/1, path: /foo/3}] | {foo: [all, cows, eat, grass]}",
      "{baz: qux, foo: [a, 2, c]} | [{op: test, path: /baz, value: qux}, {op: test, path: /foo/1, value: 2}] | {baz: qux, foo: [a, 2, c]}",
      "{foo: bar}               | [{op: add, path: /child, value: {grandchild: {}}}] | {foo: bar, child: {grandchild: {}}}",
      "{foo: [bar]}             | [{op: add, path: /foo/-, value: [abc, def]}]    | {foo: [bar, [abc, def]]}",
      "{'/': 9, '~1': 10}       | [{op: copy, from: /~01, path: /a~1b}]           | {'/': 9, '~1': 10, 'a/b': 10}"})
  void followsRfc6902(String doc, String patch, String expected) throws Exception {
    Object result = JsonPatch.apply(KubeYaml.parse(doc, "doc"), KubeYaml.parse(patch, "patch"));
    assertThat(result).isEqualTo(KubeYaml.parse(expected, "expected"));
  }

  @Test
  void aFailedTestNamesTheOperation() throws Exception {
    Object doc = KubeYaml.parse("{baz: qux}", "doc");
    assertThatThrownBy(() -> JsonPatch.apply(doc, KubeYaml.parse("[{op: test, path: /baz, value: bar}]", "p")))
        .isInstanceOf(ModuleException.class).hasMessage("JSON patch operation 1 (test /baz): test failed, the value differs");
  }

  @Test
  void addingToANonexistentTargetFails() throws Exception {
    Object doc = KubeYaml.parse("{foo: bar}", "doc");
    assertThatThrownBy(() -> JsonPatch.apply(doc, KubeYaml.parse("[{op: add, path: /baz/bat, value: qux}]", "p")))
        .hasMessageContaining("no member `baz`");
  }

  @Test
  void theInputIsNotModified() throws Exception {
    Object doc = KubeYaml.parse("{a: {b: 1}}", "doc");
    JsonPatch.apply(doc, KubeYaml.parse("[{op: replace, path: /a/b, value: 2}]", "p"));
    assertThat(doc).isEqualTo(KubeYaml.parse("{a: {b: 1}}", "doc"));
  }
}
