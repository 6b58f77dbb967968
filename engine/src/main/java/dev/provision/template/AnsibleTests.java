package dev.provision.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Ansible's tests on registered results ({@code result is changed}, {@code is failed}...), which read
 * the {@code changed}, {@code failed} and {@code skipped} keys every module result carries.
 */
final class AnsibleTests {

  private AnsibleTests() {}

  static void registerAll(Context context) {
    Predicate<Object> failed = v -> flag(v, "failed");
    register(context, "failed", failed);
    register(context, "failure", failed);
    register(context, "succeeded", failed.negate());
    register(context, "success", failed.negate());
    register(context, "successful", failed.negate());
    register(context, "changed", v -> flag(v, "changed"));
    register(context, "change", v -> flag(v, "changed"));
    register(context, "skipped", v -> flag(v, "skipped"));
    register(context, "skip", v -> flag(v, "skipped"));
    register(context, "none", v -> v == null);
  }

  private static boolean flag(Object result, String key) {
    if (!(result instanceof Map<?, ?> map)) {
      // Ansible refuses these tests on anything but a result; so do we, loudly.
      throw new IllegalArgumentException("the `" + key + "` test needs a registered result (a mapping), not "
          + (result == null ? "an undefined value" : result.getClass().getSimpleName()));
    }
    return PlainValues.truthy(map.get(key));
  }

  private static void register(Context context, String name, Predicate<Object> test) {
    context.registerExpTest(new ExpTest() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        return test.test(var);
      }
    });
  }
}
