package dev.ssekit.processor.internal.emit;

import java.util.Locale;
import java.util.Set;

/** How the user's names and strings are spelled in generated source: literals, Javadoc, names. */
final class SourceText {
  /** Names a property local must not take: parameters, locals and the constants it would hide. */
  private static final Set<String> RESERVED_LOCALS =
      Set.of("in", "out", "value", "result", "NAMES", "INSTANCE");

  private SourceText() {}

  /** The local variable holding property {@code javaName}, clear of the emitted code's names. */
  static String local(String javaName) {
    return RESERVED_LOCALS.contains(javaName) || javaName.startsWith("NAME_")
        ? javaName + "_"
        : javaName;
  }

  /** {@code fooBar} → {@code FOO_BAR}. */
  static String upperSnake(String name) {
    StringBuilder s = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
        s.append('_');
      }
      s.append(Character.isJavaIdentifierPart(c) ? c : '_');
    }
    return s.toString().toUpperCase(Locale.ROOT);
  }

  /** {@code text} made safe to stand inside a Javadoc comment. */
  static String escapeJavadoc(String text) {
    // A backslash too: javac reads unicode escapes even in comments, so a name containing a
    // backslash, 'u002a' and '/' would otherwise end the comment.
    return text.replace("\\", "&#92;").replace("*/", "*&#47;").replace("@", "&#64;");
  }

  /**
   * {@code value} as a Java string literal, in ASCII. Not JavaPoet's {@code $S}: it writes U+2028
   * and U+2029 raw and its code writer then breaks the line there (it splits lines on {@code \R}),
   * leaving an unclosed literal. Non-ASCII characters are written as unicode escapes, which javac
   * turns back into the characters inside the literal; CR and LF, which would end the line before
   * lexing if written so, use their escape sequences.
   */
  static String stringLiteral(String value) {
    StringBuilder s = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        s.append('\\').append(c);
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c == '\r') {
        s.append("\\r");
      } else if (c < 0x20 || c > 0x7E) {
        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.append('"').toString();
  }
}
