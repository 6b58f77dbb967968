package dev.provision.modules.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7386 appendix A, every example, written as flow YAML (target | patch | result). */
class MergePatchTest {

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "{a: b}            | {a: c}            | {a: c}",
      "{a: b}            | {b: c}            | {a: b, b: c}",
      "{a: b}            | {a: null}         | {}",
      "{a: b, b: c}      | {a: null}         | {b: c}",
      "{a: [b]}          | {a: c}            | {a: c}",
      "{a: c}            | {a: [b]}          | {a: [b]}",
      "{a: {b: c}}       | {a: {b: d, c: null}} | {a: {b: d}}",
      "{a: [{b: c}]}     | {a: [1]}          | {a: [1]}",
      "[a, b]            | [c, d]            | [c, d]",
      "{a: b}            | [c]               | [c]",
      "{a: foo}          | null              | null",
      "{a: foo}          | bar               | bar",
      "{e: null}         | {a: 1}            | {e: null, a: 1}",
      "[1, 2]            | {a: b, c: null}   | {a: b}",
      "{}                | {a: {bb: {ccc: null}}} | {a: {bb: {}}}"})
  void followsRfc7386(String target, String patch, String expected) throws Exception {
    Object result = MergePatch.apply(KubeYaml.parse(target, "target"), KubeYaml.parse(patch, "patch"));
    assertThat(result).isEqualTo(KubeYaml.parse(expected, "expected"));
  }
}
