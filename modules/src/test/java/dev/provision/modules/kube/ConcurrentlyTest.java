package dev.provision.modules.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provision.module.ModuleException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

  @Test
  void resultsComeBackInTheInputsOrder() throws ModuleException {
    List<Integer> inputs = IntStream.range(0, 20).boxed().toList();
    // later inputs finish first
    List<String> out = Concurrently.map(inputs, i -> {
      sleep(40 - 2L * i);
      return "r" + i;
    });
    assertEquals(IntStream.range(0, 20).mapToObj(i -> "r" + i).toList(), out);
  }

  @Test
  void callsOverlap() throws ModuleException {
    // each call waits until three are running at once: one after the other, this would time out
    CountDownLatch running = new CountDownLatch(3);
    List<Boolean> met = Concurrently.map(List.of(1, 2, 3), i -> {
      running.countDown();
      try {
        return running.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new ModuleException("interrupted", e);
      }
    });
    assertEquals(List.of(true, true, true), met);
  }

  @Test
  void theFirstFailureInInputOrderIsThrown() {
    ModuleException e = assertThrows(ModuleException.class, () -> Concurrently.map(List.of(1, 2, 3, 4), i -> {
      if (i == 2) {
        sleep(100); // fails last in time, first in order
        throw new ModuleException("object 2 failed");
      }
      if (i == 4) {
        throw new ModuleException("object 4 failed");
      }
      return i;
    }));
    assertEquals("object 2 failed", e.getMessage());
  }

  @Test
  void oneInputRunsOnTheCallersThread() throws ModuleException {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Concurrently.map(List.of(1), i -> threads.add(Thread.currentThread()));
    assertEquals(Set.of(Thread.currentThread()), threads);
  }

  @Test
  void noMoreThreadsThanTheLimit() throws ModuleException {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Concurrently.map(IntStream.range(0, 50).boxed().toList(), i -> {
      threads.add(Thread.currentThread());
      sleep(5);
      return i;
    });
    assertTrue(threads.size() <= Concurrently.MAX_THREADS, threads.size() + " threads");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
