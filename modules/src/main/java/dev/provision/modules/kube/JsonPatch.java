package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON patch, RFC 6902: add, remove, replace, move, copy and test on JSON pointers (RFC 6901).
 * Applied to a copy; a failing operation or test is an error naming the operation.
 */
public final class JsonPatch {

  private JsonPatch() {}

  public static Object apply(Object target, Object operations) throws ModuleException {
    if (!(operations instanceof List<?> ops)) {
      throw new ModuleException("a JSON patch is a list of operations ({op: replace, path: /spec/x, value: ...})");
    }
    Object doc = Normalize.plain(target);
    int index = 0;
    for (Object o : ops) {
      index++;
      if (!(o instanceof Map<?, ?> op) || !(op.get("op") instanceof String name) || !(op.get("path") instanceof String path)) {
        throw new ModuleException("JSON patch operation " + index + " needs `op` and `path`");
      }
      String where = "JSON patch operation " + index + " (" + name + " " + path + ")";
      doc = switch (name) {
        case "add" -> add(doc, pointer(path, where), Normalize.plain(value(op, where)), where);
        case "remove" -> remove(doc, pointer(path, where), where).doc;
        case "replace" -> add(remove(doc, pointer(path, where), where).doc, pointer(path, where),
            Normalize.plain(value(op, where)), where);
        case "move" -> {
          Removed r = remove(doc, pointer(from(op, where), where), where);
          yield add(r.doc, pointer(path, where), r.value, where);
        }
        case "copy" -> add(doc, pointer(path, where), Normalize.plain(get(doc, pointer(from(op, where), where), where)), where);
        case "test" -> {
          if (!Objects.equals(get(doc, pointer(path, where), where), Normalize.plain(value(op, where)))) {
            throw new ModuleException(where + ": test failed, the value differs");
          }
          yield doc;
        }
        default -> throw new ModuleException(where + ": unknown op `" + name + "` (add, remove, replace, move, copy, test)");
      };
    }
    return doc;
  }

  private record Removed(Object doc, Object value) {}

  private static Object value(Map<?, ?> op, String where) throws ModuleException {
    if (!op.containsKey("value")) {
      throw new ModuleException(where + " needs `value`");
    }
    return op.get("value");
  }

  private static String from(Map<?, ?> op, String where) throws ModuleException {
    if (!(op.get("from") instanceof String from)) {
      throw new ModuleException(where + " needs `from`");
    }
    return from;
  }

  static List<String> pointer(String path, String where) throws ModuleException {
    if (path.isEmpty()) {
      return List.of();
    }
    if (!path.startsWith("/")) {
      throw new ModuleException(where + ": a JSON pointer starts with / (got `" + path + "`)");
    }
    List<String> out = new ArrayList<>();
    for (String token : path.substring(1).split("/", -1)) {
      out.add(token.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static Object get(Object doc, List<String> tokens, String where) throws ModuleException {
    Object cur = doc;
    for (String t : tokens) {
      cur = child(cur, t, where, false);
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  private static Object add(Object doc, List<String> tokens, Object value, String where) throws ModuleException {
    if (tokens.isEmpty()) {
      return value;
    }
    Object parent = get(doc, tokens.subList(0, tokens.size() - 1), where);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put(last, value);
    } else if (parent instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      int i = "-".equals(last) ? list.size() : index(last, list.size() + 1, where);
      list.add(i, value);
    } else {
      throw new ModuleException(where + ": the parent is not an object or array");
    }
    return doc;
  }

  @SuppressWarnings("unchecked")
  private static Removed remove(Object doc, List<String> tokens, String where) throws ModuleException {
    if (tokens.isEmpty()) {
      return new Removed(null, doc);
    }
    Object parent = get(doc, tokens.subList(0, tokens.size() - 1), where);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      if (!m.containsKey(last)) {
        throw new ModuleException(where + ": no member `" + last + "` to remove");
      }
      return new Removed(doc, ((Map<String, Object>) m).remove(last));
    }
    if (parent instanceof List<?> l) {
      return new Removed(doc, ((List<Object>) l).remove(index(last, l.size(), where)));
    }
    throw new ModuleException(where + ": the parent is not an object or array");
  }

  private static Object child(Object cur, String token, String where, boolean lenient) throws ModuleException {
    if (cur instanceof Map<?, ?> m) {
      if (!m.containsKey(token)) {
        throw new ModuleException(where + ": no member `" + token + "`");
      }
      return m.get(token);
    }
    if (cur instanceof List<?> l) {
      return l.get(index(token, l.size(), where));
    }
    throw new ModuleException(where + ": `" + token + "` is below a value that is not an object or array");
  }

  private static int index(String token, int size, String where) throws ModuleException {
    if (!token.matches("0|[1-9][0-9]*")) {
      throw new ModuleException(where + ": `" + token + "` is not an array index");
    }
    int i = Integer.parseInt(token);
    if (i >= size) {
      throw new ModuleException(where + ": index " + i + " is out of range");
    }
    return i;
  }
}
