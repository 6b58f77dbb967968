package dev.provision.modules.files;

import dev.provision.module.ModuleException;
import dev.provision.module.Params;

/** The validated parameters of one {@code file} task. */
record FileRequest(
    RemotePath path, String state, String src, FileMode mode, Ownership owners, boolean recurse, boolean force) {

  static FileRequest of(Params params) throws ModuleException {
    RemotePath path = RemotePath.of("path", params.string("path"));
    String state = params.string("state");
    String src = params.optString("src").orElse(null);
    FileMode mode = FileMode.parse(params.raw("mode"));
    Ownership owners = Ownership.of(params.optString("owner").orElse(null), params.optString("group").orElse(null));
    boolean recurse = params.bool("recurse");
    if (state.equals("link")) {
      if (src == null || src.isEmpty()) {
        throw new ModuleException("state: link needs `src`, the path the link points to");
      }
      if (src.indexOf('\0') >= 0 || src.indexOf('\n') >= 0) {
        throw new ModuleException("`src` holds a control character (newline or NUL)");
      }
    } else if (src != null) {
      throw new ModuleException("`src` is only used with state: link");
    }
    if (state.equals("absent") && (mode != null || !owners.isEmpty())) {
      throw new ModuleException("`mode`, `owner` and `group` are not used with state: absent");
    }
    if (recurse && !state.equals("directory")) {
      throw new ModuleException("`recurse` is only used with state: directory");
    }
    if (recurse && mode != null && !mode.isOctal()) {
      throw new ModuleException("`recurse` needs an octal mode such as '0755', not `" + mode + "`");
    }
    if (params.bool("force") && !state.equals("link")) {
      throw new ModuleException("`force` is only used with state: link");
    }
    return new FileRequest(path, state, src, mode, owners, recurse, params.bool("force"));
  }
}
