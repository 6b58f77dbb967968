package dev.provision.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The launcher's training run ({@code -Dprovision.train=true}, under {@code -XX:ArchiveClassesAtExit} or
 * {@code -XX:AOTCacheOutput})
 * has no SSH host to talk to, so it also loads the classes a real SSH run needs, listed in
 * {@code META-INF/provision/train-classes.txt}: the class-data archive then holds them, and every
 * later run maps them instead of reading and verifying them from the jar. The same run trains JDK 25's
 * AOT cache when the launcher finds that JDK ({@code -XX:AOTCacheOutput}).
 */
final class Training {

  static final String LIST = "/META-INF/provision/train-classes.txt";

  private Training() {}

  static boolean requested() {
    return Boolean.getBoolean("provision.train");
  }

  /** Loads and links (without initialising) every listed class; returns how many loaded. */
  static int preload() {
    return preload(name -> {});
  }

  /** As {@link #preload()}, telling {@code missing} each listed class that could not be loaded. */
  static int preload(Consumer<String> missing) {
    int loaded = 0;
    try (InputStream in = Training.class.getResourceAsStream(LIST)) {
      if (in == null) {
        return 0;
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      ClassLoader loader = Training.class.getClassLoader();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String name = line.strip();
        if (name.isEmpty() || name.startsWith("#")) {
          continue;
        }
        try {
          Class<?> c = Class.forName(name, false, loader);
          // linked, not initialised: asking for the fields links the class, and JDK 25's AOT
          // cache (-XX:AOTCacheOutput, AOTClassLinking) leaves out every class not linked
          c.getDeclaredFields();
          loaded++;
        } catch (ClassNotFoundException | LinkageError e) {
          // a class of another version of a library: the archive simply lacks it
          missing.accept(name);
        }
      }
    } catch (IOException e) {
      return loaded;
    }
    return loaded;
  }
}
