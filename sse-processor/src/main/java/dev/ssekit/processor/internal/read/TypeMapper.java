package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.CollectionKind;
import dev.ssekit.processor.internal.model.PrimitiveKind;
import dev.ssekit.processor.internal.model.TypeRef;
import dev.ssekit.processor.internal.model.TypeRef.Unsupported.Reason;
import dev.ssekit.processor.internal.model.ValueKind;
import java.util.List;
import java.util.function.BiConsumer;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Maps a {@link TypeMirror} to a {@link TypeRef}, telling a listener about every record, class and
 * enum it reaches so that the reader can model those too.
 */
final class TypeMapper {
  private final Types types;
  private final TypeMirror comparable;

  TypeMapper(Elements elements, Types types) {
    this.types = types;
    this.comparable = types.erasure(elements.getTypeElement("java.lang.Comparable").asType());
  }

  /**
   * Maps {@code type}.
   *
   * @param reached told about each record, class or enum reached (with the type as declared), or
   *     {@code null} to map without modelling what is reached (for ignored members and ids)
   */
  TypeRef map(TypeMirror type, BiConsumer<TypeElement, DeclaredType> reached) {
    switch (type.getKind()) {
      case BOOLEAN:
        return new TypeRef.Primitive(PrimitiveKind.BOOLEAN);
      case BYTE:
        return new TypeRef.Primitive(PrimitiveKind.BYTE);
      case SHORT:
        return new TypeRef.Primitive(PrimitiveKind.SHORT);
      case INT:
        return new TypeRef.Primitive(PrimitiveKind.INT);
      case LONG:
        return new TypeRef.Primitive(PrimitiveKind.LONG);
      case CHAR:
        return new TypeRef.Primitive(PrimitiveKind.CHAR);
      case FLOAT:
        return new TypeRef.Primitive(PrimitiveKind.FLOAT);
      case DOUBLE:
        return new TypeRef.Primitive(PrimitiveKind.DOUBLE);
      case ARRAY:
        return mapArray((ArrayType) type, reached);
      case DECLARED:
        return mapDeclared((DeclaredType) type, reached);
      case ERROR:
        return new TypeRef.Unresolved(type.toString());
      case TYPEVAR:
        return unsupported(type, Reason.TYPE_VARIABLE);
      case WILDCARD:
        return unsupported(type, Reason.WILDCARD);
      default:
        return unsupported(type, Reason.NOT_SUPPORTED);
    }
  }

  private TypeRef mapArray(ArrayType type, BiConsumer<TypeElement, DeclaredType> reached) {
    TypeRef component = map(type.getComponentType(), reached);
    if (isProblem(component)) {
      return component;
    }
    if (component instanceof TypeRef.OptionalRef
        || component instanceof TypeRef.CollectionRef
        || component instanceof TypeRef.MapRef) {
      return unsupported(type, Reason.GENERIC_ARRAY);
    }
    return new TypeRef.ArrayRef(component);
  }

  private TypeRef mapDeclared(DeclaredType type, BiConsumer<TypeElement, DeclaredType> reached) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    List<? extends TypeMirror> args = type.getTypeArguments();
    for (PrimitiveKind kind : PrimitiveKind.values()) {
      if (kind.boxName().equals(name)) {
        return new TypeRef.Boxed(kind);
      }
    }
    ValueKind value = ValueKind.forClassName(name);
    if (value != null) {
      return new TypeRef.Value(value);
    }
    switch (name) {
      case "java.util.OptionalInt":
        return new TypeRef.OptionalPrimitive(PrimitiveKind.INT);
      case "java.util.OptionalLong":
        return new TypeRef.OptionalPrimitive(PrimitiveKind.LONG);
      case "java.util.OptionalDouble":
        return new TypeRef.OptionalPrimitive(PrimitiveKind.DOUBLE);
      case "java.util.Optional":
        return mapOptional(type, args, reached);
      case "java.util.Map":
        return mapMap(type, args, reached);
      default:
        break;
    }
    CollectionKind collection = CollectionKind.forInterfaceName(name);
    if (collection != null) {
      return mapCollection(type, collection, args, reached);
    }
    if (element.getKind() == ElementKind.ENUM) {
      if (reached != null) {
        reached.accept(element, type);
      }
      return new TypeRef.EnumRef(Names.of(element));
    }
    if (isPlatform(name)) {
      return unsupported(type, platformReason(name));
    }
    if (element.getKind() == ElementKind.ANNOTATION_TYPE) {
      return unsupported(type, Reason.NOT_SUPPORTED);
    }
    if (reached != null) {
      reached.accept(element, type);
    }
    return new TypeRef.ObjectRef(Names.of(element));
  }

  private TypeRef mapOptional(
      DeclaredType type,
      List<? extends TypeMirror> args,
      BiConsumer<TypeElement, DeclaredType> reached) {
    if (args.size() != 1) {
      return raw(type);
    }
    TypeRef element = map(args.get(0), reached);
    if (isProblem(element)) {
      return element;
    }
    if (element instanceof TypeRef.OptionalRef || element instanceof TypeRef.OptionalPrimitive) {
      return unsupported(type, Reason.NESTED_OPTIONAL);
    }
    return new TypeRef.OptionalRef(element);
  }

  private TypeRef mapMap(
      DeclaredType type,
      List<? extends TypeMirror> args,
      BiConsumer<TypeElement, DeclaredType> reached) {
    if (args.size() != 2) {
      return raw(type);
    }
    TypeRef key = map(args.get(0), reached);
    if (!(key instanceof TypeRef.EnumRef)
        && !(key instanceof TypeRef.Value && ((TypeRef.Value) key).kind() == ValueKind.STRING)) {
      return isProblem(key) && !(key instanceof TypeRef.Unsupported)
          ? key
          : unsupported(type, Reason.MAP_KEY);
    }
    TypeRef value = map(args.get(1), reached);
    return isProblem(value) ? value : new TypeRef.MapRef(key, value);
  }

  private TypeRef mapCollection(
      DeclaredType type,
      CollectionKind kind,
      List<? extends TypeMirror> args,
      BiConsumer<TypeElement, DeclaredType> reached) {
    if (args.size() != 1) {
      return raw(type);
    }
    TypeMirror elementType = args.get(0);
    if (kind == CollectionKind.SORTED_SET
        && elementType.getKind() == javax.lang.model.type.TypeKind.DECLARED
        && !types.isAssignable(types.erasure(elementType), comparable)) {
      return new TypeRef.Unsupported(
          type.toString(), Reason.SORTED_SET_ELEMENT, elementType.toString());
    }
    TypeRef element = map(elementType, reached);
    return isProblem(element) ? element : new TypeRef.CollectionRef(kind, element);
  }

  private static boolean isProblem(TypeRef ref) {
    return ref instanceof TypeRef.Unsupported || ref instanceof TypeRef.Unresolved;
  }

  private static TypeRef raw(DeclaredType type) {
    return unsupported(type, Reason.RAW_TYPE);
  }

  private static TypeRef unsupported(TypeMirror type, Reason reason) {
    return new TypeRef.Unsupported(type.toString(), reason, "");
  }

  private static boolean isPlatform(String name) {
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun.");
  }

  private static Reason platformReason(String name) {
    switch (name) {
      case "java.util.Date":
      case "java.util.Calendar":
      case "java.util.GregorianCalendar":
      case "java.sql.Timestamp":
      case "java.sql.Date":
        return Reason.LEGACY_DATE;
      case "java.lang.Object":
      case "java.io.Serializable":
      case "java.lang.Number":
      case "java.lang.CharSequence":
        return Reason.NOT_CONCRETE;
      case "java.util.ArrayList":
      case "java.util.LinkedList":
      case "java.util.HashSet":
      case "java.util.LinkedHashSet":
      case "java.util.TreeSet":
      case "java.util.HashMap":
      case "java.util.LinkedHashMap":
      case "java.util.TreeMap":
        return Reason.COLLECTION_IMPLEMENTATION;
      default:
        return Reason.NOT_SUPPORTED;
    }
  }
}
