package dev.provision.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IniFile}, Ansible's ini_file edit: each expected text, changed and msg below is what
 * community.general's do_ini() (Ansible 2.14's collection) returned for the same file and
 * parameters (null text: the file is missing; null expectations: Ansible's module crashes).
 */
class IniFileTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("new option in a new file", null, new IniFile.Spec("main", "a", List.of("1"), true, true, false, false), true, "\n[main]\na = 1\n", "section and option added"),
        Arguments.of("new option without section in a new file", null, new IniFile.Spec(null, "a", List.of("1"), true, true, false, false), true, "a = 1\n\n", "option added"),
        Arguments.of("new section at the end", "[one]\nx = 1\n", new IniFile.Spec("two", "y", List.of("2"), true, true, false, false), true, "[one]\nx = 1\n[two]\ny = 2\n", "section and option added"),
        Arguments.of("existing option changed", "[s]\na = 1\nb = 2\n", new IniFile.Spec("s", "a", List.of("9"), true, true, false, false), true, "[s]\na = 9\nb = 2\n", "option changed"),
        Arguments.of("existing option same is unchanged", "# top\n[s]\na = 1\n", new IniFile.Spec("s", "a", List.of("1"), true, true, false, false), false, "# top\n[s]\na = 1\n", "OK"),
        Arguments.of("option added after the last real line, before blanks and comments", "[s]\na = 1\n\n# note\n[t]\nz = 0\n", new IniFile.Spec("s", "b", List.of("2"), true, true, false, false), true, "[s]\na = 1\nb = 2\n\n# note\n[t]\nz = 0\n", "option added"),
        Arguments.of("commented option is set in place", "[s]\n#a = 1\nb = 2\n", new IniFile.Spec("s", "a", List.of("1"), true, true, false, false), true, "[s]\na = 1\nb = 2\n", "option changed"),
        Arguments.of("commented option other value replaced in place", "[s]\n; a = old\nb = 2\n", new IniFile.Spec("s", "a", List.of("new"), true, true, false, false), true, "[s]\na = new\nb = 2\n", "option changed"),
        Arguments.of("no_extra_spaces", "[s]\na = 1\n", new IniFile.Spec("s", "a", List.of("2"), true, true, true, false), true, "[s]\na=2\n", "option changed"),
        Arguments.of("spacing normalised counts as a change", "[s]\na=1\n", new IniFile.Spec("s", "a", List.of("1"), true, true, false, false), true, "[s]\na = 1\n", "option changed"),
        Arguments.of("absent removes every line of the option", "[s]\na = 1\nb = 2\na = 3\n#a = 4\n", new IniFile.Spec("s", "a", List.of(), false, true, false, false), true, "[s]\nb = 2\n#a = 4\n", "option changed"),
        Arguments.of("absent not exclusive removes only the value", "[s]\na = 1\na = 3\n", new IniFile.Spec("s", "a", List.of("3"), false, false, false, false), true, "[s]\na = 1\n", "option changed"),
        Arguments.of("absent of a missing option is unchanged", "[s]\nb = 2\n", new IniFile.Spec("s", "a", List.of(), false, true, false, false), false, "[s]\nb = 2\n", "OK"),
        Arguments.of("absent section removes it whole", "[s]\na = 1\n[t]\nb = 2\n", new IniFile.Spec("s", null, List.of(), false, true, false, false), true, "[t]\nb = 2\n", "section removed"),
        Arguments.of("absent of a missing section", "[t]\nb = 2\n", new IniFile.Spec("s", null, List.of(), false, true, false, false), false, "[t]\nb = 2\n", "OK"),
        Arguments.of("values exclusive replaces the others", "[s]\na = 1\na = 2\na = 3\n", new IniFile.Spec("s", "a", List.of("3", "4"), true, true, false, false), true, "[s]\na = 4\na = 3\n", "option changed"),
        Arguments.of("values not exclusive adds the missing one", "[s]\na = 1\n", new IniFile.Spec("s", "a", List.of("1", "2"), true, false, false, false), true, "[s]\na = 1\na = 2\n", "option added"),
        Arguments.of("missing final newline is added", "[s]\na = 1", new IniFile.Spec("s", "a", List.of("1"), true, true, false, false), true, "[s]\na = 1\n", "OK"),
        Arguments.of("crlf and bom are read as text", "\ufeff[s]\r\na = 1\r\n", new IniFile.Spec("s", "a", List.of("1"), true, true, false, false), false, "[s]\na = 1\n", "OK"),
        Arguments.of("null section goes before the first section", "top = 0\n[s]\na = 1\n", new IniFile.Spec(null, "new", List.of("x"), true, true, false, false), true, "top = 0\nnew = x\n[s]\na = 1\n", "option added"),
        Arguments.of("allow_no_value adds a bare option", "[mysqld]\nport = 1\n", new IniFile.Spec("mysqld", "skip-name-resolve", List.of(), true, true, false, true), true, "[mysqld]\nport = 1\nskip-name-resolve\n", "option added"),
        Arguments.of("allow_no_value bare option already there", "[mysqld]\nskip-name-resolve\n", new IniFile.Spec("mysqld", "skip-name-resolve", List.of(), true, true, false, true), false, "[mysqld]\nskip-name-resolve\n", "OK"),
        Arguments.of("only a section added", "[t]\n", new IniFile.Spec("s", null, List.of("v"), true, true, false, false), true, "[t]\n[s]\n", "only section added"),
        Arguments.of("section header prefix does not match a longer name", "[s.x]\na = 1\n", new IniFile.Spec("s", "a", List.of("2"), true, true, false, false), true, "[s.x]\na = 1\n[s]\na = 2\n", "section and option added"),
        Arguments.of("option name prefix does not match a longer name", "[s]\nab = 1\n", new IniFile.Spec("s", "a", List.of("2"), true, true, false, false), true, "[s]\nab = 1\na = 2\n", "option added"),
        Arguments.of("indented option with tabs", "[s]\n\ta\t=\told\n", new IniFile.Spec("s", "a", List.of("new"), true, true, false, false), true, "[s]\na = new\n", "option changed"),
        Arguments.of("no option while setting a value in an existing section crashes Ansible", "[s]\na = 1\n", new IniFile.Spec("s", null, List.of("v"), true, true, false, false), null, null, null),
        Arguments.of("regex characters in the option are literal", "[s]\na.b = 1\naxb = 2\n", new IniFile.Spec("s", "a.b", List.of("3"), true, true, false, false), true, "[s]\na.b = 3\naxb = 2\n", "option changed"),
        Arguments.of("empty file", "", new IniFile.Spec("s", "a", List.of("1"), true, true, false, false), true, "\n[s]\na = 1\n", "section and option added"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void editsAsAnsible(String name, String text, IniFile.Spec spec, Boolean changed, String after, String msg) {
    if (changed == null) {
      assertThatThrownBy(() -> IniFile.edit(text, spec)).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    IniFile.Outcome outcome = IniFile.edit(text, spec);
    assertThat(outcome.text()).isEqualTo(after);
    assertThat(outcome.changed()).isEqualTo(changed);
    assertThat(outcome.msg()).isEqualTo(msg);
  }
}
