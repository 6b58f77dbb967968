package dev.provision.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cases follow Ansible's TaggableMixin.evaluate_tags. */
class TagFilterTest {

  @Test
  void withoutTagsEverythingRunsExceptNever() {
    TagFilter f = TagFilter.everything();
    assertThat(f.selects(List.of())).isTrue();
    assertThat(f.selects(List.of("web"))).isTrue();
    assertThat(f.selects(List.of("never"))).isFalse();
    assertThat(f.selects(List.of("never", "debug"))).isFalse();
  }

  @Test
  void tagsSelectMatchingTasksAndAlways() {
    TagFilter f = new TagFilter(Set.of("web"), Set.of());
    assertThat(f.selects(List.of("web"))).isTrue();
    assertThat(f.selects(List.of("db"))).isFalse();
    assertThat(f.selects(List.of())).isFalse();
    assertThat(f.selects(List.of("always"))).isTrue();
  }

  @Test
  void neverRunsOnlyWhenOneOfItsTagsIsAskedFor() {
    assertThat(new TagFilter(Set.of("debug"), Set.of()).selects(List.of("never", "debug"))).isTrue();
    assertThat(new TagFilter(Set.of("all"), Set.of()).selects(List.of("never", "debug"))).isFalse();
    assertThat(new TagFilter(Set.of("tagged"), Set.of()).selects(List.of("never", "debug"))).isFalse();
  }

  @Test
  void taggedAndUntaggedSelectByWhetherATaskHasTags() {
    assertThat(new TagFilter(Set.of("tagged"), Set.of()).selects(List.of("x"))).isTrue();
    assertThat(new TagFilter(Set.of("tagged"), Set.of()).selects(List.of())).isFalse();
    assertThat(new TagFilter(Set.of("untagged"), Set.of()).selects(List.of())).isTrue();
    assertThat(new TagFilter(Set.of("untagged"), Set.of()).selects(List.of("x"))).isFalse();
  }

  @Test
  void skipTagsWinExceptThatAlwaysNeedsToBeSkippedByName() {
    assertThat(new TagFilter(Set.of(), Set.of("web")).selects(List.of("web"))).isFalse();
    assertThat(new TagFilter(Set.of(), Set.of("web")).selects(List.of("db"))).isTrue();
    assertThat(new TagFilter(Set.of(), Set.of("all")).selects(List.of("always"))).isTrue();
    assertThat(new TagFilter(Set.of(), Set.of("all")).selects(List.of("db"))).isFalse();
    assertThat(new TagFilter(Set.of(), Set.of("always")).selects(List.of("always"))).isFalse();
    assertThat(new TagFilter(Set.of(), Set.of("untagged")).selects(List.of())).isFalse();
    assertThat(new TagFilter(Set.of(), Set.of("tagged")).selects(List.of("x"))).isFalse();
  }
}
