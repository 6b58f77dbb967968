package dev.provision.yaml;

import dev.provision.diag.SourceSpan;

/**
 * A YAML node that remembers where it came from. Playbooks, inventories and module arguments are
 * read into this tree so that every later check can report {@code file:line:column}.
 */
public sealed interface YNode permits YMap, YSeq, YScalar {

  SourceSpan span();

  /** The node as plain Java values: LinkedHashMap, ArrayList, String, Long, Double, Boolean, null. */
  Object toPlain();

  /** A short word for error messages: "a mapping", "a list", "a string"... */
  String kind();
}
