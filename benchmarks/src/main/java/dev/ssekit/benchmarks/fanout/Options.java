package dev.ssekit.benchmarks.fanout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key=value} command-line options with defaults, echoed into the results. */
public final class Options {
  private final Map<String, String> values = new LinkedHashMap<>();

  /** Parses {@code args} over {@code defaults} (key, value, key, value …); unknown keys fail. */
  public Options(String[] args, String... defaults) {
    for (int i = 0; i < defaults.length; i += 2) {
      values.put(defaults[i], defaults[i + 1]);
    }
    for (String a : args) {
      if (!a.startsWith("--") || a.indexOf('=') < 0) {
        throw new IllegalArgumentException("expected --key=value, got " + a);
      }
      String k = a.substring(2, a.indexOf('='));
      if (!values.containsKey(k)) {
        throw new IllegalArgumentException("unknown option --" + k + "; known: " + values.keySet());
      }
      values.put(k, a.substring(a.indexOf('=') + 1));
    }
  }

  /** The value of {@code key}. */
  public String get(String key) {
    return values.get(key);
  }

  /** The value of {@code key} as an int. */
  public int integer(String key) {
    return Integer.parseInt(get(key));
  }

  /** A comma-separated list; empty for an empty value. */
  public List<String> list(String key) {
    String v = get(key).trim();
    return v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
  }

  /** Space-separated JVM arguments. */
  public List<String> jvmArgs(String key) {
    String v = get(key).trim();
    return v.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(v.split("\\s+")));
  }

  /** All options as {@code --key=value}, for the results file. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> b.append(" --").append(k).append('=').append(v.contains(" ") ? "'" + v + "'" : v));
    return b.toString().trim();
  }
}
