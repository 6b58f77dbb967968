package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.lab.gate.RealParts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The INI value typing ({@link PythonLiteral}) against the real Python 3 function Ansible calls,
 * ast.literal_eval (host-line splitting is {@code connection.ShlexTest}).
 */
class PythonCompatTest {

  private static final List<String> VALUES =
      List.of(
          "42", "-7", "+3", "1.5", "1e3", "1E-7", "2.5e20", ".5", "5.", "0x1F", "0o17", "0b101", "1_000", "010", "00", "0",
          "123456789012345678901234567890", "-9223372036854775808", "True", "False", "None", "true", "yes", "null",
          "'x'", "\"x\"", "'a' \"b\"", "r'\\n'", "'\\t\\x41\\u00e9\\101'", "'\\q'", "b'bytes'", "u'text'", "'''triple'''",
          "[1, 2, 3]", "[1, [2, [3]], {'k': (4, 5)}]", "(1,)", "()", "1, 2", "1,", "{}", "{'a': 1, 2: 'b', True: None}",
          "{1, 2}", "--1", "-(1)", "1 + 2", "1j", "not True", "foo", "foo bar", "/etc/hosts", "http://x:80/y", "a=b",
          "1 # comment", "foo # comment", "[1, 2", "'unterminated", "", " ", "1.5.6", "1abc", "0.1", "100.0", "1e16", "1e-5",
          "0.0001", "-0.0", "inf", "nan", "[True,False,]", "{'nested': {'deep': [None]}}", "'\\N{BULLET}'", "f'x'",
          "\"it's\"", "'say \"hi\"'", "(1)", "((1, 2))", "[\n1]", "1_", "_1", "0_0", "1__0", "0xg", "1e", "3.14_15");

  @Test
  void literalEvalTypesValuesLikePython() throws Exception {
    List<String> python = runPython(
        "import ast, json, sys\n"
            + "for line in sys.stdin.read().split('\\0')[:-1]:\n"
            + "    try:\n"
            + "        v = ast.literal_eval(line)\n"
            + "        if isinstance(v, (set, complex)) or v is Ellipsis: raise ValueError()\n"
            + "        if isinstance(v, bytes): v = v.decode()\n"  // Ansible's to_text decodes bytes
            + "        try: print(json.dumps(v, sort_keys=True))\n"
            + "        except TypeError: print(json.dumps(v))\n"  // mixed key types: ansible-inventory stops sorting too

            + "    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):\n"
            + "        print(json.dumps(line))\n",
        VALUES);
    List<String> ours = new ArrayList<>();
    for (String value : VALUES) {
      ours.add(value + " -> " + AnsibleInventoryJson.toJson(PythonLiteral.typeIniValue(value)).replaceAll("\\s*\\n\\s*", ""));
    }
    List<String> theirs = new ArrayList<>();
    for (int i = 0; i < VALUES.size(); i++) {
      theirs.add(VALUES.get(i) + " -> " + AnsibleInventoryJson.toJson(AnsibleOracle.plainJson(python.get(i))).replaceAll("\\s*\\n\\s*", ""));
    }
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < VALUES.size(); i++) {
      if (!ours.get(i).equals(theirs.get(i))) {
        differences.add("ours " + ours.get(i) + "   python " + theirs.get(i));
      }
    }
    assertThat(differences).isEmpty();
  }

  private static List<String> runPython(String script, List<String> inputs) throws Exception {
    RealParts.requirePrograms("python3", "/usr/bin/python3");
    Process process = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (var in = process.getOutputStream()) {
      in.write((String.join("\0", inputs) + "\0").getBytes(StandardCharsets.UTF_8));
    }
    List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(lines).hasSize(inputs.size());
    return lines;
  }
}
