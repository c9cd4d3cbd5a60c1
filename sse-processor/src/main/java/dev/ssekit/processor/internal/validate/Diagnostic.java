package dev.ssekit.processor.internal.validate;

import java.util.Locale;

/**
 * Every message the processor reports. The id is stable (documentation and searches refer to it)
 * and starts the message text, e.g. {@code [SSE200] property 'x' of ...}.
 */
public enum Diagnostic {
  EVENT_NAME_EMPTY("SSE100", "@SseEvent name must not be empty: it is the frame's event type"),
  EVENT_NAME_LINE_BREAK(
      "SSE101",
      "@SseEvent name %s must not contain CR or LF: a line break would forge frame fields"),
  EVENT_NAME_UNENCODABLE(
      "SSE110",
      "@SseEvent name %s contains an unpaired surrogate, which UTF-8 cannot carry: receivers would"
          + " see U+FFFD and never match the name"),
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
  NOT_A_DATA_TYPE(
      "SSE106",
      "%s is %s; a codec needs a record or a concrete class it can create"),
  MULTIPLE_IDS(
      "SSE107", "only one member may be marked @SseId; %s of %s is marked too"),
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
}
