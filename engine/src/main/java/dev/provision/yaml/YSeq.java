package dev.provision.yaml;

import dev.provision.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;

public record YSeq(List<YNode> items, SourceSpan span) implements YNode {

  public YSeq {
    items = List.copyOf(items);
  }

  @Override
  public Object toPlain() {
    List<Object> out = new ArrayList<>(items.size());
    for (YNode item : items) {
      out.add(item.toPlain());
    }
    return out;
  }

  @Override
  public String kind() {
    return "a list";
  }
}
