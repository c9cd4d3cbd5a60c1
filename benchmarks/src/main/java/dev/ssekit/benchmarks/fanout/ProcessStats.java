package dev.ssekit.benchmarks.fanout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a process reports about itself: heap in use after full collections, resident set size and
 * live threads, as one {@code key=value} line the coordinators parse.
 */
public final class ProcessStats {
  private ProcessStats() {}

  /** Collects garbage (several times, so finalizable and soft garbage is gone) and measures. */
  public static String measure() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    return "heap=" + heap + " rss=" + rssBytes() + " threads=" + threads;
  }

  /** VmRSS from /proc/self/status, in bytes; -1 where there is no procfs. */
  public static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
