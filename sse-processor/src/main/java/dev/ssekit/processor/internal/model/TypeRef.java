package dev.ssekit.processor.internal.model;

/**
 * The type of a property as the codec sees it. Containers nest ({@code List<Map<String,
 * List<Line>>>}); {@link Unsupported} and {@link Unresolved} record what the reader could not map
 * so that the validator can report it.
 */
public sealed interface TypeRef {

  /** A primitive: never null, written without boxing. */
  record Primitive(PrimitiveKind kind) implements TypeRef {}

  /** A primitive's box. */
  record Boxed(PrimitiveKind kind) implements TypeRef {}

  /** A JSON scalar such as {@code String}, {@code BigDecimal} or {@code Instant}. */
  record Value(ValueKind kind) implements TypeRef {}

  /** An enum, written by constant name. */
  record EnumRef(JavaName name) implements TypeRef {}

  /** A record or class written as a JSON object by its own codec. */
  record ObjectRef(JavaName name) implements TypeRef {}

  /** {@code Optional<element>}: empty is written like {@code null}. */
  record OptionalRef(TypeRef element) implements TypeRef {}

  /** {@code OptionalInt}, {@code OptionalLong} or {@code OptionalDouble}. */
  record OptionalPrimitive(PrimitiveKind kind) implements TypeRef {}

  /** An array. */
  record ArrayRef(TypeRef component) implements TypeRef {}

  /** A collection declared as one of the {@link CollectionKind} interfaces. */
  record CollectionRef(CollectionKind kind, TypeRef element) implements TypeRef {}

  /** A {@code Map} whose keys are {@code String} ({@link Value}) or an enum ({@link EnumRef}). */
  record MapRef(TypeRef key, TypeRef value) implements TypeRef {}

  /**
   * A type the codec cannot handle.
   *
   * @param typeText the offending type as written, e.g. {@code java.lang.Thread}
   * @param reason why
   * @param detail the type the reason is about, when it is not the offending type itself (the
   *     element of a {@code SortedSet}), else empty
   */
  record Unsupported(String typeText, Reason reason, String detail) implements TypeRef {

    /** Why a type has no codec; the message catalogue says it in words, with what to do. */
    public enum Reason {
      /** None of the supported types. */
      NOT_SUPPORTED,
      /** A type variable. */
      TYPE_VARIABLE,
      /** A wildcard type argument. */
      WILDCARD,
      /** An array of a generic type, which Java cannot create. */
      GENERIC_ARRAY,
      /** An {@code Optional} of an {@code Optional}: both empties would read alike. */
      NESTED_OPTIONAL,
      /** A {@code Map} key that is neither String nor an enum. */
      MAP_KEY,
      /** A {@code SortedSet} of elements that are not {@code Comparable}. */
      SORTED_SET_ELEMENT,
      /** A generic type without its type arguments. */
      RAW_TYPE,
      /** {@code java.util.Date} and its kind, which java.time replaces. */
      LEGACY_DATE,
      /** {@code Object}, {@code Number} and other types with no one concrete form. */
      NOT_CONCRETE,
      /** {@code ArrayList}, {@code HashMap} and the like instead of their interface. */
      COLLECTION_IMPLEMENTATION
    }
  }

  /** A type javac could not resolve (yet); javac reports it itself. */
  record Unresolved(String typeText) implements TypeRef {}

  /** True when values of this type can be {@code null} in Java. */
  default boolean isNullable() {
    return !(this instanceof Primitive);
  }
}
