package dev.provision.modules.kube;

import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.Params;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The objects kube_apply works on, from exactly one of: {@code src} (a control-node file, relative
 * to the playbook's directory, or an http(s) URL fetched with certificate checks), {@code definition}
 * (inline YAML text, a mapping or a list) or {@code template} (a control-node file rendered with the
 * task's variables by the engine, {@link HostContext#render}). Each may hold several documents.
 */
public final class ManifestInput {

  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(60);

  private ManifestInput() {}

  static List<Map<String, Object>> read(Params params, HostContext host) throws ModuleException {
    if (params.has("definition")) {
      return KubeYaml.objects(params.raw("definition"), "definition");
    }
    if (params.has("template")) {
      return fromTemplate(params.string("template"), host, KubeYaml.Defaults.NONE);
    }
    if (params.has("src")) {
      return fromSource(params.string("src"), host, KubeYaml.Defaults.NONE);
    }
    throw new ModuleException("kube_apply needs one of src, definition or template");
  }

  /**
   * The objects of a manifest on the control node or at an http(s) URL (kubernetes.core's {@code src}),
   * completed with {@code defaults}.
   */
  public static List<Map<String, Object>> fromSource(String src, HostContext host, KubeYaml.Defaults defaults)
      throws ModuleException {
    if (src.startsWith("https://") || src.startsWith("http://")) {
      return KubeYaml.objects(fetch(src), src, defaults);
    }
    return KubeYaml.objects(readFile(local(src, host), "src"), src, defaults);
  }

  /** The objects of a control-node template, rendered with the task's variables, completed with {@code defaults}. */
  public static List<Map<String, Object>> fromTemplate(String name, HostContext host, KubeYaml.Defaults defaults)
      throws ModuleException {
    String rendered;
    try {
      rendered = host.render(readFile(local(name, host), "template"));
    } catch (ModuleException e) {
      throw new ModuleException("template " + name + ": " + e.getMessage(), e);
    }
    return KubeYaml.objects(rendered, "template " + name, defaults);
  }

  private static Path local(String name, HostContext host) {
    Path given = Path.of(name.startsWith("~/") ? System.getProperty("user.home") + name.substring(1) : name);
    if (given.isAbsolute()) {
      return given;
    }
    Object dir = host.vars().get("playbook_dir");
    return (dir == null ? Path.of("") : Path.of(String.valueOf(dir))).resolve(given).toAbsolutePath().normalize();
  }

  private static String readFile(Path file, String what) throws ModuleException {
    if (!Files.isRegularFile(file)) {
      throw new ModuleException(what + " " + file + " does not exist on the control node");
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ModuleException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** Fetches a manifest; the JDK client verifies certificates and host names against the default trust store. */
  static String fetch(String url) throws ModuleException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(FETCH_TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ModuleException("cannot fetch " + url + ": HTTP " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new ModuleException("cannot fetch " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModuleException("interrupted while fetching " + url, e);
    } catch (IllegalArgumentException e) {
      throw new ModuleException("`" + url + "` is not a valid URL: " + e.getMessage(), e);
    }
  }
}
