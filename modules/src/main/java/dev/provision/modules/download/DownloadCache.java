package dev.provision.modules.download;

import dev.provision.module.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Downloads on the control node, shared by every host of a run (one instance per run, through
 * {@code HostContext.service}): each URL is fetched at most once per run, however many hosts
 * need it. Files stay in {@code dir} between runs, named by the SHA-256 of the URL, with a
 * {@code .properties} record of the digest and the server's validators; a later run revalidates
 * with a conditional GET, and a pinned checksum that matches the cached file needs no network.
 */
public final class DownloadCache {

  private final Path dir;
  private final Map<String, CachedDownload> thisRun = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public DownloadCache(Path dir) {
    this.dir = dir;
  }

  /**
   * The cache folder: system property {@code provision.cache.dir}, else
   * {@code $XDG_CACHE_HOME/provision/downloads}, else {@code ~/.cache/provision/downloads}.
   */
  public static Path defaultDir() {
    String property = System.getProperty("provision.cache.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("provision").resolve("downloads");
  }

  public Path dir() {
    return dir;
  }

  /** The URL's content, fetched now or earlier in this run, or reused from disk when still valid. */
  public CachedDownload get(GetUrlRequest request, Sha256 pinned, Consumer<String> progress) throws ModuleException {
    String url = request.url().toString();
    CachedDownload known = thisRun.get(url);
    if (known != null) {
      return known;
    }
    synchronized (locks.computeIfAbsent(url, u -> new Object())) {
      known = thisRun.get(url);
      if (known == null) {
        known = load(request, pinned, progress);
        thisRun.put(url, known);
      }
      return known;
    }
  }

  private CachedDownload load(GetUrlRequest request, Sha256 pinned, Consumer<String> progress) throws ModuleException {
    String key = sha256(request.url().toString());
    Path content = dir.resolve(key);
    Path metaFile = dir.resolve(key + ".properties");
    try {
      Files.createDirectories(dir);
      Properties meta = readMeta(metaFile, content);
      if (meta != null && pinned != null) {
        Sha256 onDisk = HttpDownloader.digest(content);
        if (onDisk.equals(pinned)) {
          return new CachedDownload(content, onDisk, Files.size(content)); // pinned content never changes
        }
      }
      Path temp = Files.createTempFile(dir, ".download-", ".part");
      try {
        HttpDownloader.Fetched got = HttpDownloader.fetch(request, temp,
            meta == null ? null : meta.getProperty("etag"), meta == null ? null : meta.getProperty("last_modified"),
            progress);
        if (got.notModified()) {
          return new CachedDownload(content, HttpDownloader.digest(content), Files.size(content));
        }
        Files.move(temp, content, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeMeta(metaFile, request, got);
        return new CachedDownload(content, got.sha256(), got.size());
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new ModuleException("cannot use the download cache " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Properties readMeta(Path metaFile, Path content) throws IOException {
    if (!Files.isRegularFile(metaFile) || !Files.isRegularFile(content)) {
      return null;
    }
    Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(metaFile)) {
      meta.load(in);
    }
    return meta;
  }

  private void writeMeta(Path metaFile, GetUrlRequest request, HttpDownloader.Fetched got) throws IOException {
    Properties meta = new Properties();
    meta.setProperty("url", request.source());
    meta.setProperty("sha256", got.sha256().hex());
    meta.setProperty("size", Long.toString(got.size()));
    if (got.etag() != null) {
      meta.setProperty("etag", got.etag());
    }
    if (got.lastModified() != null) {
      meta.setProperty("last_modified", got.lastModified());
    }
    Path temp = Files.createTempFile(dir, ".meta-", ".part");
    try (OutputStream out = Files.newOutputStream(temp)) {
      meta.store(out, "provision get_url cache entry");
    }
    Files.move(temp, metaFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String sha256(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
