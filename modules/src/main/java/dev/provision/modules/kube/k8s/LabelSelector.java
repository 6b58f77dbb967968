package dev.provision.modules.kube.k8s;

import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kubernetes.core's {@code label_selectors}: a list of Kubernetes label requirements ({@code app=web},
 * {@code app!=web}, {@code app}, {@code !app}, {@code tier in (a, b)}, {@code tier notin (a)}), all of
 * which must hold. Sent to the server as one selector when listing; matched here against a definition's
 * labels when filtering.
 */
record LabelSelector(List<Requirement> requirements) {

  private static final String KEY = "[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?";
  private static final String VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
  private static final Pattern EQUALS = Pattern.compile("\\s*(" + KEY + ")\\s*(==|=|!=)\\s*(" + VALUE + ")\\s*");
  private static final Pattern SET = Pattern.compile("\\s*(" + KEY + ")\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*(" + KEY + ")\\s*");

  record Requirement(String key, String operator, List<String> values) {
    boolean matches(Map<?, ?> labels) {
      Object value = labels.get(key);
      return switch (operator) {
        case "=" -> value != null && values.contains(String.valueOf(value));
        case "!=" -> value == null || !values.contains(String.valueOf(value));
        case "in" -> value != null && values.contains(String.valueOf(value));
        case "notin" -> value == null || !values.contains(String.valueOf(value));
        case "exists" -> value != null;
        default -> value == null; // !key
      };
    }

    String text() {
      return switch (operator) {
        case "=", "!=" -> key + operator + values.get(0);
        case "in", "notin" -> key + " " + operator + " (" + String.join(",", values) + ")";
        case "exists" -> key;
        default -> "!" + key;
      };
    }
  }

  static LabelSelector parse(List<String> texts) throws ModuleException {
    List<Requirement> out = new ArrayList<>();
    for (String text : texts) {
      Matcher m;
      if ((m = SET.matcher(text)).matches()) {
        List<String> values = new ArrayList<>();
        for (String v : m.group(4).split(",")) {
          String value = v.strip();
          if (!value.matches(VALUE)) {
            throw invalid(text);
          }
          values.add(value);
        }
        out.add(new Requirement(m.group(1), m.group(3), values));
      } else if ((m = EQUALS.matcher(text)).matches()) {
        out.add(new Requirement(m.group(1), m.group(3).equals("!=") ? "!=" : "=", List.of(m.group(4))));
      } else if ((m = EXISTS.matcher(text)).matches()) {
        out.add(new Requirement(m.group(2), m.group(1).isEmpty() ? "exists" : "absent", List.of()));
      } else {
        throw invalid(text);
      }
    }
    return new LabelSelector(List.copyOf(out));
  }

  private static ModuleException invalid(String text) {
    return new ModuleException("`" + text + "` is not a label selector: write key=value, key!=value, key, !key,"
        + " key in (a, b) or key notin (a, b)");
  }

  boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** The selector as the API takes it: {@code app=web,tier in (a,b)}. */
  String text() {
    return String.join(",", requirements.stream().map(Requirement::text).toList());
  }

  boolean matches(Map<String, Object> object) {
    Object meta = object.get("metadata");
    Object labels = meta instanceof Map<?, ?> m ? m.get("labels") : null;
    Map<?, ?> map = labels instanceof Map<?, ?> l ? l : Map.of();
    return requirements.stream().allMatch(r -> r.matches(map));
  }
}
