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
    return "heap=" + heap + " rss=" + rssBytes() + " threads=" + threads + " fds=" + openFiles();
  }

  /** The number of file descriptors this process has open ({@code /proc/self/fd}); -1 if unknown. */
  public static long openFiles() {
    try (java.util.stream.Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU time this process has used (user + system), in milliseconds; -1 where unknown. */
  public static long cpuMillis() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1_000_000;
    }
    return -1;
  }

  /**
   * CPU time another process has used (user + system, from {@code /proc/PID/stat}), in
   * milliseconds; -1 where unknown. For child processes that are not JVMs, such as redis-server.
   */
  public static long cpuMillisOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** USER_HZ: 100 on every Linux that Java runs on. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

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
