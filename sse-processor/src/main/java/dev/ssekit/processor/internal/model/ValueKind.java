package dev.ssekit.processor.internal.model;

/**
 * Reference types written as one JSON scalar. All but the numbers and {@code String} are written
 * as their ISO-8601 (or canonical) {@code toString()} and read back with their {@code parse} (or
 * equivalent) factory.
 */
public enum ValueKind {
  STRING("java.lang.String", null),
  BIG_DECIMAL("java.math.BigDecimal", null),
  BIG_INTEGER("java.math.BigInteger", null),
  UUID("java.util.UUID", "fromString"),
  URI("java.net.URI", "create"),
  INSTANT("java.time.Instant", "parse"),
  OFFSET_DATE_TIME("java.time.OffsetDateTime", "parse"),
  ZONED_DATE_TIME("java.time.ZonedDateTime", "parse"),
  LOCAL_DATE("java.time.LocalDate", "parse"),
  LOCAL_DATE_TIME("java.time.LocalDateTime", "parse"),
  LOCAL_TIME("java.time.LocalTime", "parse"),
  DURATION("java.time.Duration", "parse");

  private final String className;
  private final String parseMethod;

  ValueKind(String className, String parseMethod) {
    this.className = className;
    this.parseMethod = parseMethod;
  }

  /** The qualified class name. */
  public String className() {
    return className;
  }

  /** True when written with {@code toString()} and read with {@link #parseMethod()}. */
  public boolean isText() {
    return parseMethod != null;
  }

  /** The factory that reads the text form, or {@code null} when {@link #isText()} is false. */
  public String parseMethod() {
    return parseMethod;
  }

  /** The kind for a qualified class name, or {@code null}. */
  public static ValueKind forClassName(String qualifiedName) {
    for (ValueKind kind : values()) {
      if (kind.className.equals(qualifiedName)) {
        return kind;
      }
    }
    return null;
  }
}
