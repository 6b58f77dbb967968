package dev.provision.template;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.util.AbstractMap;
import java.util.Set;

/**
 * Jinja's undefined value, which Jinjava has not: a mapping key that is missing ({@code result.nokey})
 * and a root variable that no source defines, where its use copes with that ({@code x is defined},
 * {@code x | default(..)}). Distinct from null, so that a variable set to null is {@code defined} and
 * {@code none}, as in Ansible. An empty mapping, so that {@code undefined.attr} is undefined too.
 */
final class Undefined extends AbstractMap<String, Object> implements PyishSerializable {

  static final Undefined VALUE = new Undefined();

  private Undefined() {}

  static boolean is(Object value) {
    return value == VALUE;
  }

  /** Null or undefined: what Ansible's filters that accept "nothing" accept. */
  static boolean isNothing(Object value) {
    return value == null || value == VALUE;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return Set.of();
  }

  @Override
  public String toString() {
    return "";
  }

  /** Prints as nothing inside text. */
  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable) {
    return appendable;
  }

  @Override
  public boolean equals(Object other) {
    return other == this;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
