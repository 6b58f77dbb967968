package dev.provision.it.report;

import dev.provision.lab.gate.RealParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's chromium, headless, on a local file: the DOM after rendering ({@code --dump-dom}), a
 * screenshot, and the URLs the page itself asked for (from Chromium's net log). Each run gets a new
 * empty profile. The browser's own background services are pointed at a proxy on a closed
 * loopback port and every host name is unresolvable, so nothing it tries leaves the machine.
 */
final class HeadlessChromium {

  private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]*)\"");

  private final Path work;

  private HeadlessChromium(Path work) {
    this.work = work;
  }

  /** Skips (fails under CI) without chromium: lab/prereqs.sh installs it. */
  static HeadlessChromium require(Path work) {
    RealParts.requirePrograms("chromium", "chromium");
    return new HeadlessChromium(work);
  }

  record Page(String dom, List<String> pageRequests) {}

  /** Renders {@code html}: its DOM, and every URL the page requested (a file:// page's own loads). */
  Page render(Path html) throws IOException, InterruptedException {
    Path netLog = Files.createTempFile(work, "net-", ".json");
    String dom = run(List.of("--log-net-log=" + netLog, "--dump-dom", html.toUri().toString()));
    return new Page(dom, pageRequests(Files.readString(netLog, StandardCharsets.UTF_8)));
  }

  void screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
    run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png,
        html.toUri().toString()));
  }

  /**
   * The URLs of URL requests made for a page loaded from file:// (their network isolation key is
   * the file:// site), as opposed to the browser's own, which have none or another site's.
   */
  static List<String> pageRequests(String netLog) {
    List<String> out = new ArrayList<>();
    for (String event : netLog.split("\n")) { // the net log writes one event a line
      if (event.contains("\"network_isolation_key\":\"file://")) {
        Matcher m = URL.matcher(event);
        if (m.find()) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }

  private String run(List<String> what) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile-");
    List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile,
        "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"));
    command.addAll(what);
    Path out = Files.createTempFile(work, "chromium-", ".out");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("chromium.log").toFile())).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s: " + command);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(work.resolve("chromium.log")));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
