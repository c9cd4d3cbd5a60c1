package dev.ssekit.samples;

import java.io.InputStream;
import java.util.Map;

/** The demo pages and their scripts, read from the jar; both servers serve them. */
final class PageFiles {
  /** The page served at {@code /}. */
  static final String INDEX = "index.html";

  private static final Map<String, String> TYPES =
      Map.of(
          INDEX,
          "text/html;charset=UTF-8",
          "app.js",
          "text/javascript;charset=UTF-8",
          "streams.html",
          "text/html;charset=UTF-8",
          "streams.js",
          "text/javascript;charset=UTF-8",
          "stats.js",
          "text/javascript;charset=UTF-8");

  private PageFiles() {}

  /** The content type of {@code name}, or {@code null} if there is no such file. */
  static String type(String name) {
    return TYPES.get(name);
  }

  /** The file's bytes, or {@code null} if there is no such file. */
  static InputStream open(String name) {
    return TYPES.containsKey(name) ? PageFiles.class.getResourceAsStream("web/" + name) : null;
  }
}
