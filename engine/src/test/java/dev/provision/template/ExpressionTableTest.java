package dev.provision.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every expression of the tables (see {@link ExpressionCases}) gives in Provision what it gives in
 * Ansible 2.14: the same value of the same type (compared as JSON, so 1 and 1.0 differ and so does
 * key order), or an error where Ansible fails; unless the case says Provision refuses it (at load
 * time, with the case's words) or differs on purpose (documented in docs/playbooks.md).
 */
class ExpressionTableTest {

  private final Templates templates = new Templates();

  @TestFactory
  List<DynamicTest> everyCaseAgreesWithAnsible() {
    List<DynamicTest> tests = new ArrayList<>();
    for (var table : ExpressionCases.tables()) {
      for (ExpressionCases.Case c : ExpressionCases.read(table)) {
        tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
          try {
            check(c);
          } catch (AssertionError e) {
            throw new AssertionError(c + ": " + e.getMessage(), e);
          }
        }));
      }
    }
    return tests;
  }

  private void check(ExpressionCases.Case c) throws TemplateException {
    String template = "{{ " + c.expression() + " }}";
    if (c.refused() != null) {
      assertThat(templates.check(template, false)).as("refused when the playbook is loaded")
          .anySatisfy(p -> assertThat(p.message()).contains(c.refused()));
      assertThatThrownBy(() -> templates.render(template, c.vars())).isInstanceOf(TemplateException.class)
          .hasMessageContaining(c.refused());
      return;
    }
    if (c.fails() != null) {
      assertThat(c.ansibleFails()).as("a known gap is one where Ansible gives a value").isFalse();
      assertThatThrownBy(() -> templates.render(template, c.vars())).isInstanceOf(TemplateException.class)
          .hasMessageContaining(c.fails());
      return;
    }
    assertThat(c.ansible()).as("Ansible's result is recorded (run AnsibleExpressionOracleTest with "
        + "-Dprovision.goldens=update)").isNotNull();
    assertThat(templates.check(template, false)).as("no load-time problem").isEmpty();
    if (c.ansibleFails() && !c.hasDiffers()) {
      assertThatThrownBy(() -> templates.render(template, c.vars())).as("Ansible fails: " + c.ansible().get("error"))
          .isInstanceOf(TemplateException.class);
      return;
    }
    Object expected = c.hasDiffers() ? c.differs() : c.ansible().get("value");
    Object actual = templates.render(template, c.vars());
    assertThat(Json.write(actual)).as(c.hasDiffers() ? "Provision's documented value" : "Ansible's value "
        + c.ansible()).isEqualTo(Json.write(expected));
  }
}
