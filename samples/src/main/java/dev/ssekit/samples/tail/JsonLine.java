package dev.ssekit.samples.tail;

/**
 * One event as a one-line JSON object. Control characters and everything beyond ASCII are written
 * as {@code \\uXXXX} escapes, so the line is valid JSON whatever charset the console uses.
 */
final class JsonLine {
  private JsonLine() {}

  static String of(String type, String data, String id) {
    StringBuilder b = new StringBuilder(data.length() + type.length() + id.length() + 32);
    b.append("{\"type\":");
    string(b, type);
    b.append(",\"data\":");
    string(b, data);
    b.append(",\"id\":");
    string(b, id);
    return b.append('}').toString();
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20 || c >= 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
  }
}
