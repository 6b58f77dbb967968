package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.connection.Glob;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.text.PythonRegex;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code find}: the files under some directories that match names, age, size and content, as Ansible's
 * find lists them. One command lists every entry with its lstat ({@link FindListingFact}); the filters
 * are Ansible's, applied here in its os.walk order, so the plan and the apply register the same list.
 * {@code contains} and {@code get_checksum} read the remaining candidates with one more command.
 */
public final class FindModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Lists the files under directories that match name patterns, type, age, size and content (Ansible's find); never changes anything.")
      .note("One read-only command lists every entry (GNU find -printf); patterns are shell globs (fnmatch) or, with use_regex, Python regular expressions matched at the start of the name, as in Ansible. Hidden names are not matched unless hidden, yet recurse still descends into hidden directories, as Ansible's os.walk does. files holds Ansible's per-file keys (path, mode, isdir/isreg/islnk.., uid, gid, pw_name, gr_name, size, inode, dev, nlink, atime/mtime/ctime, the permission bits, isuid, isgid, checksum with get_checksum). In a plan after an earlier task would change the host, the list is known after apply.")
      .returns("files", "the matching entries, each a dictionary of Ansible's stat keys")
      .returns("matched", "how many entries matched")
      .returns("examined", "how many entries were looked at")
      .returns("skipped_paths", "paths that could not be searched, and why")
      .example("""
          - name: old logs
            find:
              paths: /var/log/app
              patterns: "*.log,*.gz"
              age: 2w
              recurse: true
            register: old_logs
          """)
      .param(Param.list("paths").required().aliases("name", "path").describedAs("the directories to search (absolute)"))
      .param(Param.list("patterns").defaultsTo(List.of()).aliases("pattern")
          .describedAs("file name globs (or regexes with use_regex); any one matches; default all"))
      .param(Param.list("excludes").aliases("exclude").describedAs("names matching one of these are left out"))
      .param(Param.string("contains").describedAs("a Python regex a line of the file must match (at its start); files only"))
      .param(Param.bool("read_whole_file").defaultsTo(false).describedAs("search contains in the whole file, not line by line"))
      .param(Param.string("file_type").choices("any", "directory", "file", "link").defaultsTo("file")
          .describedAs("which kind of entry to list"))
      .param(Param.string("age").describedAs("at least this old (5m, 2d, 1w); negative: at most this old"))
      .param(Param.string("age_stamp").choices("atime", "ctime", "mtime").defaultsTo("mtime").describedAs("which time age compares"))
      .param(Param.string("size").describedAs("at least this large (10k, 2m, 1g); negative: at most this large; files only"))
      .param(Param.bool("recurse").defaultsTo(false).describedAs("search subdirectories too"))
      .param(Param.bool("hidden").defaultsTo(false).describedAs("match names that start with a dot too"))
      .param(Param.bool("follow").defaultsTo(false).describedAs("descend into symbolic links to directories"))
      .param(Param.bool("get_checksum").defaultsTo(false).describedAs("add each regular file's SHA-1 as checksum"))
      .param(Param.bool("use_regex").defaultsTo(false).describedAs("patterns and excludes are Python regexes, not globs"))
      .param(Param.integer("depth").describedAs("with recurse, how many levels deep to list (1: the paths' own entries)"))
      .build();

  private static final Pattern AGE = Pattern.compile("^(-?\\d+)(s|m|h|d|w)?$");
  private static final Pattern SIZE = Pattern.compile("^(-?\\d+)(b|k|m|g|t)?$");

  @Override
  public String name() {
    return "find";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("find");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** The filters of one task, checked before anything is read. */
  private record Filters(List<Pattern> patterns, List<Pattern> excludes, String fileType, Long age, String ageStamp,
      Long size, Pattern contains, boolean wholeFile, boolean hidden) {

    boolean nameMatches(String name) {
      for (Pattern p : patterns) {
        if (p.matcher(name).lookingAt()) {
          return excludes.stream().noneMatch(e -> e.matcher(name).lookingAt());
        }
      }
      return false;
    }

    boolean ageMatches(FindListingFact.Entry e, double now) {
      if (age == null) {
        return true;
      }
      double stamp = switch (ageStamp) {
        case "atime" -> e.atime();
        case "ctime" -> e.ctime();
        default -> e.mtime();
      };
      return age >= 0 ? now - stamp >= Math.abs(age) : now - stamp <= Math.abs(age);
    }

    boolean sizeMatches(FindListingFact.Entry e) {
      return size == null || (size >= 0 ? e.size() >= Math.abs(size) : e.size() <= Math.abs(size));
    }
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    List<RemotePath> paths = new ArrayList<>();
    for (String p : params.strings("paths")) {
      paths.add(RemotePath.of("paths", p));
    }
    if (paths.isEmpty()) {
      throw new ModuleException("`paths` is empty; give the directories to search");
    }
    Filters filters = filters(params);
    boolean recurse = params.bool("recurse");
    long depth = params.optInteger("depth").orElse(0L);
    if (depth < 0) {
      throw new ModuleException("`depth` must be 0 or more, not " + depth);
    }
    // one level more than depth is listed: Ansible counts it as examined, and matches none of it
    int maxDepth = !recurse ? 1 : depth > 0 ? (int) depth + 1 : 0;
    if (host.changesPending()) {
      throw host.knownAfterApply("an earlier task would change the host first, so what find lists is known only then");
    }
    FindListingFact.Listing listing = host.fact(new FindListingFact(paths, maxDepth, params.bool("follow")));
    List<FindListingFact.Entry> candidates = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    long examined = 0;
    for (FindListingFact.Root root : listing.roots()) {
      if (root.skipped() != null) {
        skipped.put(root.path(), root.skipped());
      }
      examined += walk(root, filters, recurse, depth, params.bool("follow"), listing.now(), candidates);
    }
    List<FindListingFact.Entry> matched = filters.contains() != null && filters.fileType().equals("file")
        ? containing(host, candidates, filters) : candidates;
    Map<String, String> checksums = new LinkedHashMap<>();
    if (params.bool("get_checksum")) {
      List<String> regular = matched.stream().filter(FindListingFact.Entry::isFile).map(FindListingFact.Entry::path).toList();
      if (!regular.isEmpty()) {
        for (FileReadsFact.Read read : host.fact(new FileReadsFact(regular, true))) {
          if (read.sha1() != null) {
            checksums.put(read.path(), read.sha1());
          }
        }
      }
    }
    List<Object> files = new ArrayList<>();
    for (FindListingFact.Entry e : matched) {
      Map<String, Object> view = e.ansibleView();
      if (checksums.containsKey(e.path())) {
        view.put("checksum", checksums.get(e.path()));
      }
      files.add(view);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("files", files);
    result.put("matched", (long) files.size());
    result.put("examined", examined);
    result.put("skipped_paths", skipped);
    String where = String.join(", ", paths.stream().map(RemotePath::text).toList());
    String found = "found " + files.size() + " " + noun(filters.fileType(), files.size())
        + " in " + where + " (examined " + examined + ")";
    return Plan.noop(skipped.isEmpty() ? found : found + "; skipped " + skipped, result);
  }

  private static String noun(String fileType, int n) {
    String word = switch (fileType) {
      case "directory" -> "directories";
      case "link" -> "links";
      case "any" -> "entries";
      default -> "files";
    };
    return n == 1 ? switch (fileType) {
      case "directory" -> "directory";
      case "link" -> "link";
      case "any" -> "entry";
      default -> "file";
    } : word;
  }

  /**
   * Ansible's os.walk over one root, top-down: each directory's non-directories, then its directories,
   * then each subdirectory in turn. Returns how many entries it looked at (Ansible's {@code examined}).
   */
  private static long walk(FindListingFact.Root root, Filters filters, boolean recurse, long depth, boolean follow,
      double now, List<FindListingFact.Entry> out) {
    Map<String, List<FindListingFact.Entry>> children = new LinkedHashMap<>();
    for (FindListingFact.Entry e : root.entries()) {
      String parent = e.path().substring(0, Math.max(e.path().lastIndexOf('/'), 0));
      children.computeIfAbsent(parent.isEmpty() ? "/" : parent, k -> new ArrayList<>()).add(e);
    }
    String top = root.path().length() > 1 && root.path().endsWith("/") ? root.path().replaceAll("/+$", "") : root.path();
    List<String> pending = new ArrayList<>(List.of(top));
    long looked = 0;
    while (!pending.isEmpty()) {
      String dir = pending.remove(0);
      List<FindListingFact.Entry> here = children.getOrDefault(dir, List.of());
      List<FindListingFact.Entry> files = new ArrayList<>();
      List<FindListingFact.Entry> dirs = new ArrayList<>();
      for (FindListingFact.Entry e : here) {
        // os.walk sorts with is_dir(), which follows a link
        (e.isDir() || e.isLink() && e.followedType() == 'd' ? dirs : files).add(e);
      }
      looked += here.size();
      List<FindListingFact.Entry> all = new ArrayList<>(files);
      all.addAll(dirs);
      boolean tooDeep = false;
      for (FindListingFact.Entry e : all) {
        if (depth > 0 && e.depth() > depth) {
          tooDeep = true;
          continue;
        }
        if (e.name().startsWith(".") && !filters.hidden()) {
          continue;
        }
        if (matches(e, filters, now)) {
          out.add(e);
        }
      }
      if (!recurse) {
        break;
      }
      if (!tooDeep) {
        List<String> next = new ArrayList<>();
        for (FindListingFact.Entry d : dirs) {
          if (d.isDir() || follow) {
            next.add(d.path());
          }
        }
        pending.addAll(0, next);
      }
    }
    return looked;
  }

  private static boolean matches(FindListingFact.Entry e, Filters f, double now) {
    boolean common = f.nameMatches(e.name()) && f.ageMatches(e, now);
    return switch (f.fileType()) {
      case "any" -> common && (!e.isFile() || f.sizeMatches(e));
      case "directory" -> e.isDir() && common;
      case "link" -> e.isLink() && common;
      default -> e.isFile() && common && f.sizeMatches(e);
    };
  }

  /** The candidates whose text matches {@code contains}, read in one command; unreadable or non-UTF-8 files do not. */
  private static List<FindListingFact.Entry> containing(HostContext host, List<FindListingFact.Entry> candidates,
      Filters filters) throws ModuleException, ConnectionException {
    if (candidates.isEmpty()) {
      return candidates;
    }
    List<FileReadsFact.Read> reads = host.fact(new FileReadsFact(candidates.stream().map(FindListingFact.Entry::path).toList(), false));
    List<FindListingFact.Entry> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      byte[] bytes = reads.get(i).bytes();
      String text = bytes == null ? null : utf8(bytes);
      if (text != null && contains(text, filters.contains(), filters.wholeFile())) {
        out.add(candidates.get(i));
      }
    }
    return out;
  }

  /** Python's text-mode read: universal newlines, and an undecodable file is no match (Ansible catches the error). */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString()
          .replace("\r\n", "\n").replace('\r', '\n');
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static boolean contains(String text, Pattern pattern, boolean wholeFile) {
    if (wholeFile) {
      return pattern.matcher(text).find();
    }
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      Matcher m = pattern.matcher(text.substring(start, end));
      if (m.lookingAt()) {
        return true;
      }
      start = end;
    }
    return false;
  }

  private static Filters filters(Params params) throws ModuleException {
    boolean regex = params.bool("use_regex");
    List<String> given = params.strings("patterns");
    List<String> patterns = given.isEmpty() ? List.of(regex ? ".*" : "*") : given;
    List<Pattern> include = new ArrayList<>();
    for (String p : patterns) {
      include.add(namePattern("patterns", p, regex));
    }
    List<Pattern> exclude = new ArrayList<>();
    for (String p : params.strings("excludes")) {
      exclude.add(namePattern("excludes", p, regex));
    }
    Long age = params.optString("age").map(String::toLowerCase).map(s -> scaled(AGE, s,
        Map.of("s", 1L, "m", 60L, "h", 3600L, "d", 86400L, "w", 604800L))).orElse(null);
    if (params.optString("age").isPresent() && age == null) {
      throw new ModuleException("failed to process age `" + params.string("age") + "`: write a number with s, m, h, d or w (2d, -30m)");
    }
    Long size = params.optString("size").map(String::toLowerCase).map(s -> scaled(SIZE, s,
        Map.of("b", 1L, "k", 1024L, "m", 1024L * 1024, "g", 1024L * 1024 * 1024, "t", 1024L * 1024 * 1024 * 1024))).orElse(null);
    if (params.optString("size").isPresent() && size == null) {
      throw new ModuleException("failed to process size `" + params.string("size") + "`: write a number with b, k, m, g or t (10m, -1k)");
    }
    Pattern contains = params.has("contains") ? PythonRegex.compile("contains", params.string("contains")) : null;
    return new Filters(include, exclude, params.stringOr("file_type", "file"), age, params.stringOr("age_stamp", "mtime"),
        size, contains, params.bool("read_whole_file"), params.bool("hidden"));
  }

  private static Pattern namePattern(String param, String p, boolean regex) throws ModuleException {
    return regex ? PythonRegex.compile(param, p) : Pattern.compile(Glob.toRegex(p));
  }

  private static Long scaled(Pattern format, String text, Map<String, Long> units) {
    Matcher m = format.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    return Long.parseLong(m.group(1)) * (m.group(2) == null ? 1L : units.get(m.group(2)));
  }
}
