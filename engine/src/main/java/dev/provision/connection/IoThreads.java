package dev.provision.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads that pump a command's streams, so stdin, stdout and stderr never block each other. */
final class IoThreads {

  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "provision-io-" + COUNT.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private IoThreads() {}

  /** The stream to its end; its tail is kept ({@link OutputTail}). */
  static Future<OutputTail> readTail(InputStream in) {
    return POOL.submit(() -> {
      OutputTail out = new OutputTail();
      in.transferTo(out);
      return out;
    });
  }

  /** {@code data}, then {@code file} when not null (streamed), then end of input. */
  static Future<Void> writeAndClose(OutputStream out, byte[] data, java.nio.file.Path file) {
    return POOL.submit(() -> {
      try (out) {
        out.write(data);
        if (file != null) {
          try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            in.transferTo(out);
          }
        }
        out.flush();
      } catch (IOException e) {
        // The command exited without reading all of its stdin: not an error of ours.
      }
      return null;
    });
  }

  static <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
    return POOL.submit(task);
  }
}
