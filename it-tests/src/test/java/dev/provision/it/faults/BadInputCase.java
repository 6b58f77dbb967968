package dev.provision.it.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bad input for the CLI: the files it needs (written under the case's own directory), the
 * arguments (with {@code INV} for the lab inventory and {@code DIR} for that directory), and what
 * stderr must hold: {@code file:line:column} locations, other fragments, and whether a caret and a
 * hint must be shown.
 */
record BadInputCase(String name, Map<String, String> files, List<String> args, List<String> locations,
    List<String> fragments, boolean caret, boolean hint) {

  private static final Pattern HEADER = Pattern.compile("(?m)^(\\S+?)(:\\d+:\\d+)?: error: ");

  static Builder named(String name) {
    return new Builder(name);
  }

  /** The arguments with the placeholders filled in. */
  List<String> argsIn(Path dir, Path inventory) {
    return args.stream().map(a -> a.replace("INV", inventory.toString()).replace("DIR", dir.toString())).toList();
  }

  void writeFiles(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = dir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** "file:line:col" (or "file") of every diagnostic header in rendered output, file names only. */
  static List<String> locationsIn(String rendered, Function<String, String> shortName) {
    List<String> out = new ArrayList<>();
    Matcher m = HEADER.matcher(rendered);
    while (m.find()) {
      if ("provision".equals(m.group(1)) && m.group(2) == null) {
        continue; // "provision: error: ...": the CLI's own one-line errors name no file
      }
      out.add(shortName.apply(m.group(1)) + (m.group(2) == null ? "" : m.group(2)));
    }
    return out;
  }

  @Override
  public String toString() {
    return name;
  }

  static final class Builder {
    private final String name;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private final List<String> locations = new ArrayList<>();
    private final List<String> fragments = new ArrayList<>();
    private boolean caret = true;
    private boolean hint = true;

    private Builder(String name) {
      this.name = name;
    }

    Builder file(String path, String text) {
      files.put(path, text);
      return this;
    }

    Builder args(String... more) {
      args.addAll(List.of(more));
      return this;
    }

    Builder at(String... fileLineColumn) {
      locations.addAll(List.of(fileLineColumn));
      return this;
    }

    Builder says(String... text) {
      fragments.addAll(List.of(text));
      return this;
    }

    /** No file position, so no source line or caret (a missing file, a bad CLI argument). */
    Builder noCaret() {
      caret = false;
      return this;
    }

    Builder noHint() {
      hint = false;
      return this;
    }

    BadInputCase build() {
      return new BadInputCase(name, Map.copyOf(files), List.copyOf(args), List.copyOf(locations), List.copyOf(fragments),
          caret, hint);
    }
  }
}
