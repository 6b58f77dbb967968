package dev.provision.template;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Ansible's {@code lookup()}, {@code query()} and {@code q()}, with the lookups that read the
 * controller: {@code file}, {@code env}, {@code template}, {@code vars}, {@code varnames}, {@code list},
 * {@code fileglob}, {@code first_found}, {@code pipe}, {@code lines} and {@code inventory_hostnames}
 * (and those of {@link ListLookups}, which only reshape their terms). Like Ansible's, they run on the
 * controller (never on the host), in {@code --plan} too: {@code pipe} and {@code lines} run their command there with
 * {@code sh -c}, in the playbook's folder. A relative path is looked for in the playbook's
 * {@code files/} (or {@code templates/}) folder, then in the playbook's folder; inside a role, the role's
 * {@code files/} (or {@code templates/}) and the role's folder come first. {@code lookup()}
 * joins text results with commas unless {@code wantlist=true}; {@code query()} always gives a list;
 * {@code errors='warn'} or {@code 'ignore'} give nothing (null; an empty list with {@code wantlist})
 * for a lookup that fails.
 */
final class Lookups {

  /** The functions, which take keyword arguments. */
  static final Set<String> FUNCTIONS = Set.of("lookup", "query", "q");

  static final Set<String> SUPPORTED = new TreeSet<>(List.of("file", "env", "template", "vars", "list",
      "fileglob", "first_found", "pipe", "lines", "varnames", "inventory_hostnames"));

  static {
    SUPPORTED.addAll(ListLookups.NAMES);
  }

  /** Lookups refused on purpose, with why and what to write instead. */
  static final Map<String, String> REFUSED = Map.of(
      "password", "it writes and reuses a password file on the controller; keep the password in a `secret_vars` "
          + "file (or generate one with `lookup('pipe', 'openssl rand -base64 18')` and save it)");

  private Lookups() {}

  public static Object lookup(String plugin, Object... args) {
    return run(plugin, CallArguments.of(args), false);
  }

  public static Object query(String plugin, Object... args) {
    return run(plugin, CallArguments.of(args), true);
  }

  /** Jinja's {@code dict(a=1)} (and {@code dict(mapping_or_pairs, b=2)}), beside the lookups as the other global. */
  public static Object dict(Object... args) {
    CallArguments.Args a = CallArguments.of(args);
    Map<Object, Object> out = new java.util.LinkedHashMap<>();
    for (Object p : a.positional()) {
      if (p instanceof Map<?, ?> m) {
        out.putAll(m);
      } else {
        for (Object pair : PythonCollections.elements(p)) {
          List<Object> kv = PythonCollections.elements(pair);
          out.put(kv.get(0), kv.get(1));
        }
      }
    }
    out.putAll(a.named());
    return out;
  }

  private static Object run(String plugin, CallArguments.Args args, boolean query) {
    if (REFUSED.containsKey(plugin)) {
      throw new InterpretException("lookup('" + plugin + "') is not supported: " + REFUSED.get(plugin));
    }
    if (!SUPPORTED.contains(plugin)) {
      throw new InterpretException("lookup('" + plugin + "') is not supported yet (supported: "
          + String.join(", ", SUPPORTED) + ")");
    }
    boolean wantlist = query || PlainValues.pythonTruthy(args.named().getOrDefault("wantlist", false));
    String errors = PlainValues.text(args.named().getOrDefault("errors", "strict"));
    List<Object> terms = new ArrayList<>(args.positional());
    List<Object> ran;
    try {
      ran = ran(plugin, terms, args.named());
    } catch (RuntimeException e) {
      if (!errors.equals("warn") && !errors.equals("ignore")) { // any other word is strict, as in Ansible
        throw e;
      }
      return wantlist ? List.of() : null;
    }
    if (wantlist || ran.isEmpty()) {
      return ran; // an empty result stays a list, as Ansible gives it
    }
    if (ran.stream().allMatch(v -> v instanceof CharSequence)) {
      return String.join(",", ran.stream().map(String::valueOf).toList());
    }
    return ran.size() == 1 ? ran.get(0) : ran;
  }

  private static List<Object> ran(String plugin, List<Object> terms, Map<String, Object> options) {
    return switch (plugin) {
      case "file" -> {
        boolean lstrip = PlainValues.pythonTruthy(options.getOrDefault("lstrip", false));
        boolean rstrip = PlainValues.pythonTruthy(options.getOrDefault("rstrip", true));
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
          String text = read(find(PlainValues.text(term), "files")
              .orElseThrow(() -> new InterpretException("could not locate file in lookup: " + PlainValues.text(term))));
          text = lstrip ? text.stripLeading() : text;
          out.add(rstrip ? text.stripTrailing() : text);
        }
        yield out;
      }
      case "template" -> {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
          Path file = find(PlainValues.text(term), "templates").orElseThrow(() ->
              new InterpretException("the template file " + PlainValues.text(term) + " could not be found for the lookup"));
          JinjavaInterpreter in = JinjavaInterpreter.getCurrent();
          out.add(in.render(TemplateScanner.pythonEscapes(read(file), false)));
        }
        yield out;
      }
      case "env" -> {
        Object fallback = options.getOrDefault("default", "");
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
          String v = System.getenv(PlainValues.text(term));
          out.add(v != null ? v : fallback);
        }
        yield out;
      }
      case "vars" -> {
        List<Object> out = new ArrayList<>();
        JinjavaInterpreter in = JinjavaInterpreter.getCurrent();
        for (Object term : terms) {
          String name = PlainValues.text(term);
          Object v = in.getContext().get(name);
          if (v == null && !in.getContext().containsKey(name) || Undefined.is(v)) {
            if (!options.containsKey("default")) {
              throw new InterpretException("No variable found with this name: " + name);
            }
            v = options.get("default");
          }
          out.add(v);
        }
        yield out;
      }
      case "list" -> terms;
      case "fileglob" -> fileglob(terms);
      case "first_found" -> firstFound(terms, options);
      case "pipe" -> {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
          out.add(pipe(PlainValues.text(term), "pipe").stripTrailing());
        }
        yield out;
      }
      case "lines" -> {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
          out.addAll(StringMethods.splitlines(pipe(PlainValues.text(term), "lines")));
        }
        yield out;
      }
      case "varnames" -> varnames(terms);
      case "inventory_hostnames" -> inventoryHostnames(terms);
      default -> ListLookups.run(plugin, terms);
    };
  }

  /** The playbook's folder, where relative lookups start (Ansible's basedir). */
  private static Path base() {
    JinjavaInterpreter in = JinjavaInterpreter.getCurrent();
    Object dir = in == null ? null : in.getContext().get("playbook_dir");
    return dir == null || Undefined.is(dir) || PlainValues.text(dir).isEmpty() ? Path.of("").toAbsolutePath()
        : Path.of(PlainValues.text(dir));
  }

  /** Where relative paths are looked for: the role's folder (inside a role), then the playbook's. */
  private static List<Path> roots() {
    List<Path> out = new ArrayList<>();
    JinjavaInterpreter in = JinjavaInterpreter.getCurrent();
    Object role = in == null ? null : in.getContext().get("role_path");
    if (role != null && !Undefined.is(role)) {
      out.add(Path.of(PlainValues.text(role)));
    }
    out.add(base());
    return out;
  }

  /** A relative path in {@code base/subdir/}, then {@code base/}; an absolute one as it is. */
  private static java.util.Optional<Path> find(String name, String subdir) {
    Path p = Path.of(name);
    List<Path> candidates = new ArrayList<>();
    if (p.isAbsolute()) {
      candidates.add(p);
    } else {
      JinjavaInterpreter in = JinjavaInterpreter.getCurrent();
      Object role = in == null ? null : in.getContext().get("role_path");
      if (role != null && !Undefined.is(role)) { // inside a role, Ansible looks in the role's folder first
        candidates.add(Path.of(PlainValues.text(role)).resolve(subdir).resolve(name));
        candidates.add(Path.of(PlainValues.text(role)).resolve(name));
      }
      candidates.add(base().resolve(subdir).resolve(name));
      candidates.add(base().resolve(name));
    }
    return candidates.stream().filter(Files::isRegularFile).findFirst();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InterpretException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static List<Object> fileglob(List<Object> terms) {
    List<Object> out = new ArrayList<>();
    for (Object term : terms) {
      Path pattern = Path.of(PlainValues.text(term));
      Path parent = pattern.getParent();
      List<Path> dirs = new ArrayList<>();
      if (pattern.isAbsolute()) {
        dirs.add(parent);
      } else {
        // inside a role, its files/ and its folder first, then the playbook's (Ansible's search path)
        for (Path root : roots()) {
          dirs.add(parent == null ? root.resolve("files") : root.resolve("files").resolve(parent));
          dirs.add(parent == null ? root : root.resolve(parent));
        }
      }
      Path dir = dirs.stream().filter(Files::isDirectory).findFirst().orElse(null);
      if (dir == null) {
        continue;
      }
      // in the folder's own order, as Python's glob gives them
      try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, pattern.getFileName().toString())) {
        List<String> files = new ArrayList<>();
        found.forEach(f -> {
          if (Files.isRegularFile(f)) {
            files.add(f.toString());
          }
        });
        out.addAll(files);
      } catch (IOException e) {
        throw new InterpretException("fileglob " + term + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** {@code first_found}: file names and {@code {files, paths, skip}} mappings, the first that exists. */
  private static List<Object> firstFound(List<Object> terms, Map<String, Object> options) {
    List<String> files = new ArrayList<>();
    List<String> paths = new ArrayList<>(words(options.get("paths")));
    boolean skip = PlainValues.pythonTruthy(options.getOrDefault("skip", false));
    List<Object> flat = new ArrayList<>();
    for (Object term : terms) {
      if (term instanceof List<?> l) {
        flat.addAll(l);
      } else {
        flat.add(term);
      }
    }
    for (Object term : flat) {
      if (term instanceof Map<?, ?> m) {
        files.addAll(words(m.get("files")));
        paths.addAll(words(m.get("paths")));
        skip |= PlainValues.pythonTruthy(m.get("skip"));
      } else {
        files.add(PlainValues.text(term));
      }
    }
    files.addAll(words(options.get("files")));
    for (String f : files) {
      List<String> candidates = new ArrayList<>();
      if (paths.isEmpty()) {
        candidates.add(f);
      } else {
        paths.forEach(p -> candidates.add(Path.of(p).resolve(f).toString()));
      }
      for (String c : candidates) {
        java.util.Optional<Path> found = find(c, firstFoundSubdir());
        if (found.isPresent()) {
          return List.of(found.get().toString());
        }
      }
    }
    if (skip) {
      return List.of();
    }
    throw new InterpretException("No file was found when using first_found.");
  }

  /** {@code files}, or the folder a {@code with_first_found} loop gives ({@link Templates#FIRST_FOUND_SUBDIR}). */
  private static String firstFoundSubdir() {
    JinjavaInterpreter in = JinjavaInterpreter.getCurrent();
    Object dir = in == null ? null : in.getContext().get(Templates.FIRST_FOUND_SUBDIR);
    return dir == null || Undefined.is(dir) ? "files" : PlainValues.text(dir);
  }

  /** A list, or a text split on commas, semicolons and spaces (as Ansible's first_found splits it). */
  private static List<String> words(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return l.stream().map(PlainValues::text).toList();
    }
    List<String> out = new ArrayList<>();
    for (String w : PlainValues.text(value).split("[,;\\s]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** Names of the variables (of every scope) that a regular expression finds ({@code re.search}). */
  private static List<Object> varnames(List<Object> terms) {
    JinjavaInterpreter in = JinjavaInterpreter.getCurrent();
    Set<String> names = new java.util.LinkedHashSet<>();
    for (com.hubspot.jinjava.interpret.Context c = in.getContext(); c != null; c = c.getParent()) {
      c.forEach((k, v) -> {
        if (!Undefined.is(v)) {
          names.add(String.valueOf(k));
        }
      });
    }
    List<Object> out = new ArrayList<>();
    for (Object term : terms) {
      if (!(term instanceof CharSequence)) {
        throw new InterpretException("Invalid setting identifier, \"" + PlainValues.pythonStr(term) + "\" is not a string");
      }
      java.util.regex.Pattern p = PythonRegex.compile(term.toString(), false, false);
      names.stream().filter(n -> p.matcher(n).find()).forEach(out::add);
    }
    return out;
  }

  /**
   * The inventory's hosts that host patterns match ({@code all:!web}, {@code db*}), read from the
   * {@code groups} variable as Ansible's lookup reads it; a pattern that matches nothing gives none.
   */
  private static List<Object> inventoryHostnames(List<Object> terms) {
    Object groups = JinjavaInterpreter.getCurrent().getContext().get("groups");
    Map<String, List<String>> byName = new java.util.LinkedHashMap<>();
    if (groups instanceof Map<?, ?> g) {
      g.forEach((name, members) -> byName.put(String.valueOf(name),
          PythonCollections.elements(members).stream().map(PlainValues::text).toList()));
    }
    String pattern = String.join(",", terms.stream().map(PlainValues::text).toList());
    return new ArrayList<>(HostPatternsHolder.FOUND.select(pattern, byName));
  }

  /** The run's host patterns (see {@link HostPatterns}), found when first needed. */
  private static final class HostPatternsHolder {
    static final HostPatterns FOUND = java.util.ServiceLoader.load(HostPatterns.class, Lookups.class.getClassLoader())
        .findFirst().orElseThrow(() -> new IllegalStateException("no " + HostPatterns.class.getName() + " service"));
  }

  private static String pipe(String command, String lookup) {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(base().toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new InterpretException("lookup_plugin." + lookup + "(" + command + ") did not finish in 300 s");
      }
      if (p.exitValue() != 0) {
        throw new InterpretException("lookup_plugin." + lookup + "(" + command + ") returned " + p.exitValue());
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InterpretException("lookup_plugin." + lookup + "(" + command + "): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterpretException("lookup_plugin." + lookup + "(" + command + ") was interrupted");
    }
  }
}
