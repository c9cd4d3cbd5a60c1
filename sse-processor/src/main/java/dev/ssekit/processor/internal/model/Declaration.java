package dev.ssekit.processor.internal.model;

/** What kind of type a user's class is, for messages about types a codec cannot create. */
public enum Declaration {
  /** A record. */
  RECORD,
  /** An enum. */
  ENUM,
  /** An interface. */
  INTERFACE,
  /** An annotation type. */
  ANNOTATION_TYPE,
  /** An abstract class. */
  ABSTRACT_CLASS,
  /** A concrete class. */
  CLASS
}
