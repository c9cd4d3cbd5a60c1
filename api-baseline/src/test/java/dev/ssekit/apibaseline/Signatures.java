package dev.ssekit.apibaseline;

import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.GenericDeclaration;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Source-like text for types, type parameters, annotations and constant values, the same on every
 * JDK: nested classes are written with their canonical names ({@code Outer.Inner}, as in source and
 * Javadoc, not {@code Outer$Inner}), and annotations are not written with {@code
 * Annotation#toString()}, whose format changed between JDK releases.
 */
final class Signatures {
  private Signatures() {}

  /** A type as it is written in source, with type arguments. */
  static String type(Type type) {
    if (type instanceof Class<?> c) {
      if (c.isArray()) {
        return type(c.getComponentType()) + "[]";
      }
      return c.getCanonicalName() != null ? c.getCanonicalName() : c.getName();
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      String base =
          p.getOwnerType() instanceof ParameterizedType owner
              ? type(owner) + "." + raw.getSimpleName()
              : type(raw);
      StringJoiner args = new StringJoiner(", ", "<", ">");
      for (Type arg : p.getActualTypeArguments()) {
        args.add(type(arg));
      }
      return base + args;
    }
    if (type instanceof TypeVariable<?> v) {
      return v.getName();
    }
    if (type instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + bounds(w.getLowerBounds());
      }
      Type[] upper = w.getUpperBounds();
      return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + bounds(upper);
    }
    if (type instanceof GenericArrayType a) {
      return type(a.getGenericComponentType()) + "[]";
    }
    throw new IllegalArgumentException("Unknown kind of type: " + type);
  }

  /** {@code <T extends Bound, U>}, or the empty string when there are none. */
  static String typeParameters(GenericDeclaration declaration) {
    TypeVariable<?>[] variables = declaration.getTypeParameters();
    if (variables.length == 0) {
      return "";
    }
    StringJoiner joined = new StringJoiner(", ", "<", ">");
    for (TypeVariable<?> v : variables) {
      Type[] b = v.getBounds();
      boolean unbounded = b.length == 1 && b[0] == Object.class;
      joined.add(unbounded ? v.getName() : v.getName() + " extends " + bounds(b));
    }
    return joined.toString();
  }

  /** {@code A, B}: a list of types, for parameters, supertypes and throws clauses. */
  static String types(Type[] types) {
    StringJoiner joined = new StringJoiner(", ");
    for (Type t : types) {
      joined.add(type(t));
    }
    return joined.toString();
  }

  private static String bounds(Type[] bounds) {
    StringJoiner joined = new StringJoiner(" & ");
    for (Type t : bounds) {
      joined.add(type(t));
    }
    return joined.toString();
  }

  /**
   * The annotations of {@code element} that are part of its documented contract (their type is
   * {@link Documented}, as Javadoc decides), each followed by a space; sorted by type.
   */
  static String documentedAnnotations(AnnotatedElement element) {
    List<Annotation> documented = new ArrayList<>();
    for (Annotation a : element.getDeclaredAnnotations()) {
      if (a.annotationType().isAnnotationPresent(Documented.class)) {
        documented.add(a);
      }
    }
    documented.sort(Comparator.comparing(a -> a.annotationType().getName()));
    StringBuilder s = new StringBuilder();
    for (Annotation a : documented) {
      s.append(annotation(a)).append(' ');
    }
    return s.toString();
  }

  /** {@code @Type(member = value, ...)}, members sorted by name. */
  static String annotation(Annotation annotation) {
    Class<? extends Annotation> type = annotation.annotationType();
    Method[] members = type.getDeclaredMethods();
    Arrays.sort(members, Comparator.comparing(Method::getName));
    StringJoiner values = new StringJoiner(", ", "(", ")").setEmptyValue("");
    for (Method member : members) {
      try {
        member.trySetAccessible();
        values.add(member.getName() + " = " + value(member.invoke(annotation)));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("Cannot read " + member, e);
      }
    }
    return "@" + type(type) + values;
  }

  /** A constant or annotation value as a source literal. */
  static String value(Object value) {
    if (value instanceof String s) {
      return '"' + escape(s, '"') + '"';
    }
    if (value instanceof Character c) {
      return "'" + escape(String.valueOf(c), '\'') + "'";
    }
    if (value instanceof Long l) {
      return l + "L";
    }
    if (value instanceof Float f) {
      return f + "f";
    }
    if (value instanceof Class<?> c) {
      return type(c) + ".class";
    }
    if (value instanceof Enum<?> e) {
      return type(e.getDeclaringClass()) + "." + e.name();
    }
    if (value instanceof Annotation a) {
      return annotation(a);
    }
    if (value != null && value.getClass().isArray()) {
      StringJoiner elements = new StringJoiner(", ", "{", "}");
      for (int i = 0; i < Array.getLength(value); i++) {
        elements.add(value(Array.get(value, i)));
      }
      return elements.toString();
    }
    return String.valueOf(value);
  }

  /** Escapes so that the dump stays printable ASCII, one line per declaration. */
  private static String escape(String s, char quote) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
