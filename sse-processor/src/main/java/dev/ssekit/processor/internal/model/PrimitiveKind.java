package dev.ssekit.processor.internal.model;

/** The Java primitive types, each with its box. */
public enum PrimitiveKind {
  BOOLEAN("boolean", "java.lang.Boolean"),
  BYTE("byte", "java.lang.Byte"),
  SHORT("short", "java.lang.Short"),
  INT("int", "java.lang.Integer"),
  LONG("long", "java.lang.Long"),
  CHAR("char", "java.lang.Character"),
  FLOAT("float", "java.lang.Float"),
  DOUBLE("double", "java.lang.Double");

  private final String keyword;
  private final String boxName;

  PrimitiveKind(String keyword, String boxName) {
    this.keyword = keyword;
    this.boxName = boxName;
  }

  /** The keyword, e.g. {@code int}. */
  public String keyword() {
    return keyword;
  }

  /** The qualified name of the box, e.g. {@code java.lang.Integer}. */
  public String boxName() {
    return boxName;
  }
}
