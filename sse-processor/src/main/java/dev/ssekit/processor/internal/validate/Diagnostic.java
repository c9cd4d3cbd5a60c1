package dev.ssekit.processor.internal.validate;

import dev.ssekit.processor.internal.model.Creator;
import dev.ssekit.processor.internal.model.Declaration;
import dev.ssekit.processor.internal.model.JavaName;
import dev.ssekit.processor.internal.model.TypeRef;
import java.util.Locale;

/**
 * Every message the processor reports, and every phrase that goes into one: no other class writes
 * prose for the user. The id is stable (documentation and searches refer to it) and starts the
 * message text, e.g. {@code [SSE200] property 'x' of ...}. Entries that share an id are wordings of
 * one problem.
 */
public enum Diagnostic {
  EVENT_NAME_EMPTY("SSE100", "@SseEvent name must not be empty: it is the frame's event type"),
  EVENT_NAME_LINE_BREAK(
      "SSE101",
      "@SseEvent name \"%s\" must not contain CR or LF: a line break would forge frame fields"),
  EVENT_NAME_UNENCODABLE(
      "SSE110",
      "@SseEvent name \"%s\" contains an unpaired surrogate, which UTF-8 cannot carry: receivers"
          + " would see U+FFFD and never match the name"),
  DUPLICATE_EVENT_NAME(
      "SSE102",
      "event name \"%s\" is also used by %s; each @SseEvent class needs its own name, or receivers"
          + " could not tell the events apart"),
  GENERIC_TYPE(
      "SSE103",
      "%s is generic; a codec needs concrete types: declare a non-generic record or class (one"
          + " per type argument you use)"),
  INNER_CLASS(
      "SSE104",
      "%s is a non-static inner class, which needs an enclosing instance to be created; declare"
          + " it static"),
  INACCESSIBLE_TYPE(
      "SSE105",
      "%s is not accessible from package %s, where the generated codec lives; make it (and"
          + " every class it is nested in) public or package-private"),
  NOT_A_DATA_TYPE("SSE106", "%s is %s; a codec needs a record or a concrete class it can create"),
  MULTIPLE_IDS("SSE107", "only one member may be marked @SseId; %s of %s is marked too"),
  ID_NOT_ACCESSIBLE(
      "SSE108",
      "@SseId member %s of %s cannot be read by the generated codec; make it accessible (not"
          + " private), or use a public getter or a no-arg method that returns the id"),
  ID_UNSUPPORTED_TYPE(
      "SSE109",
      "@SseId member %s of %s has type %s; an id is written with String.valueOf, so it must be a"
          + " primitive, a box, String, an enum, BigDecimal, BigInteger, UUID, URI or a java.time"
          + " type"),
  UNSUPPORTED_TYPE(
      "SSE200",
      "property '%s' of %s has unsupported type %s: %s. Change its type, or mark it @SseIgnore or"
          + " transient"),
  MEMBER_NOT_ACCESSIBLE(
      "SSE300",
      "property '%s' of %s is not accessible from package %s and has no accessible getter; make"
          + " it public or package-private, add a getter, or mark it @SseIgnore or transient"),
  PROPERTY_NOT_SETTABLE(
      "SSE301",
      "property '%s' of %s cannot be set when reading: %s; or mark it @SseIgnore or transient"),
  NO_USABLE_CONSTRUCTOR("SSE302", "%s has no usable constructor: %s"),
  UNMATCHED_CONSTRUCTOR_PARAMETER(
      "SSE303",
      "constructor parameter '%s' of %s matches no property of the same name and type; the"
          + " codec passes each property to the parameter of the same name (compile %s with"
          + " -parameters if it comes from a library)"),
  EMPTY_PROPERTY_NAME("SSE304", "@SseProperty name of '%s' in %s must not be empty"),
  DUPLICATE_PROPERTY_NAME(
      "SSE305",
      "JSON name \"%s\" of property '%s' is already used by property '%s' of %s; give each"
          + " property its own name with @SseProperty"),
  PROCESSOR_BUG("SSE900", "ssekit processor bug, please report: %s"),
  SOURCE_NOT_WRITTEN("SSE901", "could not write the generated codec %s: %s"),
  SERVICES_NOT_WRITTEN("SSE902", "could not write %s: %s");

  private final String id;
  private final String format;

  Diagnostic(String id, String format) {
    this.id = id;
    this.format = format;
  }

  /** The stable id, e.g. {@code SSE200}. */
  public String id() {
    return id;
  }

  /** The message text: the id in brackets, then the formatted explanation. */
  public String format(Object... args) {
    return "[" + id + "] " + String.format(Locale.ROOT, format, args);
  }

  /** The explanation's format, {@code %s} and {@code %d} standing for the arguments. */
  public String template() {
    return format;
  }

  // ---- phrases that complete a message ------------------------------------------------------

  /** Shown when a type is not one the codec knows, so that the user sees what would work. */
  private static final String SUPPORTED =
      "supported are primitives and their boxes, String, enums, BigDecimal, BigInteger, UUID, URI,"
          + " Instant, OffsetDateTime, ZonedDateTime, LocalDate, LocalDateTime, LocalTime,"
          + " Duration, Optional, OptionalInt/Long/Double, arrays, List, Set, SortedSet,"
          + " Collection, Map with String or enum keys, and records or classes of your own";

  /** Why a type is unsupported, and what to do instead: the end of {@link #UNSUPPORTED_TYPE}. */
  static String reason(TypeRef.Unsupported type) {
    return switch (type.reason()) {
      case NOT_SUPPORTED -> SUPPORTED;
      case TYPE_VARIABLE -> "a type variable has no codec; use a concrete type";
      case WILDCARD -> "wildcards are not supported; use a concrete type argument";
      case GENERIC_ARRAY -> "Java cannot create arrays of generic types; use a List instead";
      case NESTED_OPTIONAL ->
          "in JSON an empty Optional inside an Optional cannot be told apart; use one Optional";
      case MAP_KEY -> "JSON object keys are strings, so a Map key must be String or an enum";
      case SORTED_SET_ELEMENT ->
          "a SortedSet is read into a TreeSet, which needs Comparable elements; use a Set or make "
              + type.detail()
              + " Comparable";
      case RAW_TYPE -> "it is a raw type; add its type arguments";
      case LEGACY_DATE -> "use a java.time type such as Instant or LocalDate instead";
      case NOT_CONCRETE -> "the codec needs a concrete type; " + SUPPORTED;
      case COLLECTION_IMPLEMENTATION ->
          "declare the property as List, Set, SortedSet, Collection or Map";
    };
  }

  /** A kind of type in words, for {@link #NOT_A_DATA_TYPE}. */
  static String declaration(Declaration declaration) {
    return switch (declaration) {
      case RECORD -> "a record";
      case ENUM -> "an enum";
      case INTERFACE -> "an interface";
      case ANNOTATION_TYPE -> "an annotation type";
      case ABSTRACT_CLASS -> "an abstract class";
      case CLASS -> "a class";
    };
  }

  /** Why no constructor is usable, for {@link #NO_USABLE_CONSTRUCTOR}. */
  static String noCreator(Creator creator, String codecPackage) {
    if (creator.constructorsWithParameters() == 0) {
      return "it has no constructor the generated code can call (in package "
          + codecPackage
          + "); add a public no-arg constructor with setters, or one constructor taking"
          + " every property";
    }
    return "it has "
        + creator.constructorsWithParameters()
        + " constructors with parameters and no accessible no-arg constructor; keep a"
        + " single constructor whose parameter names match the properties";
  }

  /** Why a readable property cannot be set, for {@link #PROPERTY_NOT_SETTABLE}. */
  static String notSettable(Creator.Kind creator, String property) {
    return creator == Creator.Kind.CONSTRUCTOR
        ? "the constructor has no parameter '" + property + "' of its type; add one"
        : "it has no accessible setter and its field is final or not accessible; add a"
            + " setter or make the field non-final and accessible";
  }

  /** The event class, as the subject of a message. */
  static String eventSubject(JavaName event) {
    return "@SseEvent class " + event;
  }

  /** A type the event reaches, as the subject of a message, with the property that reaches it. */
  static String reachedSubject(JavaName type, CharSequence property, CharSequence owner) {
    return type + " (used by property '" + property + "' of " + owner + ")";
  }
}
