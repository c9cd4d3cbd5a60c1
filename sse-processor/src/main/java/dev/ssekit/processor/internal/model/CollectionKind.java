package dev.ssekit.processor.internal.model;

/** The collection interfaces a property may be declared as, each read into a JDK implementation. */
public enum CollectionKind {
  LIST("java.util.List", "java.util.ArrayList"),
  SET("java.util.Set", "java.util.LinkedHashSet"),
  SORTED_SET("java.util.SortedSet", "java.util.TreeSet"),
  COLLECTION("java.util.Collection", "java.util.ArrayList");

  private final String interfaceName;
  private final String implementationName;

  CollectionKind(String interfaceName, String implementationName) {
    this.interfaceName = interfaceName;
    this.implementationName = implementationName;
  }

  /** The declared interface, e.g. {@code java.util.List}. */
  public String interfaceName() {
    return interfaceName;
  }

  /** The class a read value is collected into. */
  public String implementationName() {
    return implementationName;
  }

  /** The kind for a qualified interface name, or {@code null}. */
  public static CollectionKind forInterfaceName(String qualifiedName) {
    for (CollectionKind kind : values()) {
      if (kind.interfaceName.equals(qualifiedName)) {
        return kind;
      }
    }
    return null;
  }
}
