package dev.ssekit.benchmarks.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the results files say about the machine and its load. */
public final class Machine {
  private Machine() {}

  /** {@code /proc/loadavg}'s first three numbers, or "?". */
  public static String load() {
    try {
      String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return p[0] + " " + p[1] + " " + p[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** The one-minute load average, or -1. */
  public static double load1() {
    try {
      return Double.parseDouble(load().split(" ")[0]);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** A markdown list describing processors, memory, OS, JVM and limits. */
  public static String describe() {
    StringBuilder b = new StringBuilder();
    b.append("- processors: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
    b.append("- memory: ").append(memTotal()).append('\n');
    b.append("- OS: ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append('\n');
    b.append("- Java: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(" (")
        .append(System.getProperty("java.vm.vendor"))
        .append(")\n");
    b.append("- load average when this file was written (1/5/15 min): ").append(load())
        .append('\n');
    b.append("- ephemeral ports: ").append(read("/proc/sys/net/ipv4/ip_local_port_range"))
        .append("; somaxconn: ").append(read("/proc/sys/net/core/somaxconn")).append('\n');
    return b.toString();
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.substring(9).trim().split("\\s+")[0]);
          return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      return "?";
    }
    return "?";
  }

  private static String read(String path) {
    try {
      // Line by line: Files.readString gives only the first bytes of a /proc/sys file (size 0).
      return String.join(" ", Files.readAllLines(Path.of(path))).trim().replaceAll("\\s+", "-");
    } catch (IOException e) {
      return "?";
    }
  }
}
