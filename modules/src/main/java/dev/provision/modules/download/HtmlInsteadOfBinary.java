package dev.provision.modules.download;

import dev.provision.modules.files.FileMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Without a checksum, the only guard against installing a captive portal's or a proxy's error page
 * as {@code /usr/local/bin/virtctl}: when a binary is expected (the mode makes it executable, or the
 * name has no text extension) and the body starts as HTML does, the download is refused.
 */
final class HtmlInsteadOfBinary {

  /** Names that may well hold HTML or other text: the check does not apply to them. */
  private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "text", "md", "html", "htm", "xhtml", "xml",
      "json", "yaml", "yml", "toml", "ini", "conf", "cfg", "properties", "csv", "tsv", "sh", "bash", "py", "rb",
      "pl", "js", "css", "svg", "pem", "crt", "cer", "key", "pub", "asc", "sig", "sha256", "sha256sum", "sha512",
      "md5", "repo", "list", "service", "timer", "socket", "j2", "tpl", "tmpl", "env", "log", "rst", "adoc", "sql");

  private HtmlInsteadOfBinary() {}

  /** The reason to refuse, or null when the content may be installed. */
  static String refusal(String dest, FileMode mode, Path content) throws IOException {
    boolean executable = mode != null && (mode.applyTo(0644, false) & 0111) != 0;
    if (!executable && hasTextExtension(dest)) {
      return null;
    }
    if (!startsAsHtml(content)) {
      return null;
    }
    return "the server sent an HTML page where " + (executable ? "an executable" : "a binary file")
        + " was expected for " + dest + "; nothing was installed (a login or captive portal, a proxy's or the "
        + "server's error page?). Check the URL, or pin the content with checksum: sha256:...";
  }

  private static boolean hasTextExtension(String dest) {
    String name = dest.substring(dest.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 && TEXT_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean startsAsHtml(Path content) throws IOException {
    byte[] head = new byte[512];
    int n;
    try (InputStream in = Files.newInputStream(content)) {
      n = in.readNBytes(head, 0, head.length);
    }
    String start = new String(head, 0, n, StandardCharsets.ISO_8859_1).stripLeading();
    if (start.startsWith("\ufeff") || start.startsWith("\u00ef\u00bb\u00bf")) {
      start = start.substring(start.startsWith("\ufeff") ? 1 : 3).stripLeading();
    }
    String lower = start.toLowerCase(Locale.ROOT);
    return lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.startsWith("<head")
        || lower.startsWith("<body") || lower.startsWith("<!--") && lower.contains("<html");
  }
}
