package dev.ssekit.processor.internal.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.ssekit.processor.internal.model.JavaName;
import dev.ssekit.processor.internal.model.PrimitiveKind;
import dev.ssekit.processor.internal.model.TypeRef;

/** JavaPoet names for model types. */
final class TypeNames {
  static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  static final ClassName MAP = ClassName.get("java.util", "Map");

  private TypeNames() {}

  static ClassName of(JavaName name) {
    String first = name.simpleNames().get(0);
    String[] rest = name.simpleNames().subList(1, name.simpleNames().size()).toArray(new String[0]);
    return ClassName.get(name.packageName(), first, rest);
  }

  static ClassName ofQualified(String qualifiedTopLevel) {
    int dot = qualifiedTopLevel.lastIndexOf('.');
    return ClassName.get(qualifiedTopLevel.substring(0, dot), qualifiedTopLevel.substring(dot + 1));
  }

  static TypeName primitive(PrimitiveKind kind) {
    switch (kind) {
      case BOOLEAN:
        return TypeName.BOOLEAN;
      case BYTE:
        return TypeName.BYTE;
      case SHORT:
        return TypeName.SHORT;
      case INT:
        return TypeName.INT;
      case LONG:
        return TypeName.LONG;
      case CHAR:
        return TypeName.CHAR;
      case FLOAT:
        return TypeName.FLOAT;
      default:
        return TypeName.DOUBLE;
    }
  }

  static ClassName optionalPrimitive(PrimitiveKind kind) {
    switch (kind) {
      case INT:
        return ClassName.get("java.util", "OptionalInt");
      case LONG:
        return ClassName.get("java.util", "OptionalLong");
      default:
        return ClassName.get("java.util", "OptionalDouble");
    }
  }

  static TypeName of(TypeRef type) {
    if (type instanceof TypeRef.Primitive) {
      return primitive(((TypeRef.Primitive) type).kind());
    }
    if (type instanceof TypeRef.Boxed) {
      return ofQualified(((TypeRef.Boxed) type).kind().boxName());
    }
    if (type instanceof TypeRef.Value) {
      return ofQualified(((TypeRef.Value) type).kind().className());
    }
    if (type instanceof TypeRef.EnumRef) {
      return of(((TypeRef.EnumRef) type).name());
    }
    if (type instanceof TypeRef.ObjectRef) {
      return of(((TypeRef.ObjectRef) type).name());
    }
    if (type instanceof TypeRef.OptionalRef) {
      return ParameterizedTypeName.get(OPTIONAL, of(((TypeRef.OptionalRef) type).element()));
    }
    if (type instanceof TypeRef.OptionalPrimitive) {
      return optionalPrimitive(((TypeRef.OptionalPrimitive) type).kind());
    }
    if (type instanceof TypeRef.ArrayRef) {
      return ArrayTypeName.of(of(((TypeRef.ArrayRef) type).component()));
    }
    if (type instanceof TypeRef.CollectionRef) {
      TypeRef.CollectionRef collection = (TypeRef.CollectionRef) type;
      return ParameterizedTypeName.get(
          ofQualified(collection.kind().interfaceName()), of(collection.element()));
    }
    if (type instanceof TypeRef.MapRef) {
      TypeRef.MapRef map = (TypeRef.MapRef) type;
      return ParameterizedTypeName.get(MAP, of(map.key()), of(map.value()));
    }
    throw new IllegalArgumentException("no Java type for " + type);
  }

  /** A readable name fragment for helper methods: {@code List<Line>} → {@code ListOfLine}. */
  static String describe(TypeRef type) {
    if (type instanceof TypeRef.Primitive) {
      String keyword = ((TypeRef.Primitive) type).kind().keyword();
      return Character.toUpperCase(keyword.charAt(0)) + keyword.substring(1);
    }
    if (type instanceof TypeRef.Boxed || type instanceof TypeRef.Value) {
      return ((ClassName) of(type)).simpleName();
    }
    if (type instanceof TypeRef.EnumRef) {
      return ((TypeRef.EnumRef) type).name().flatName();
    }
    if (type instanceof TypeRef.ObjectRef) {
      return ((TypeRef.ObjectRef) type).name().flatName();
    }
    if (type instanceof TypeRef.OptionalRef) {
      return "OptionalOf" + describe(((TypeRef.OptionalRef) type).element());
    }
    if (type instanceof TypeRef.OptionalPrimitive) {
      return optionalPrimitive(((TypeRef.OptionalPrimitive) type).kind()).simpleName();
    }
    if (type instanceof TypeRef.ArrayRef) {
      return "ArrayOf" + describe(((TypeRef.ArrayRef) type).component());
    }
    if (type instanceof TypeRef.CollectionRef) {
      TypeRef.CollectionRef collection = (TypeRef.CollectionRef) type;
      return ofQualified(collection.kind().interfaceName()).simpleName()
          + "Of"
          + describe(collection.element());
    }
    if (type instanceof TypeRef.MapRef) {
      TypeRef.MapRef map = (TypeRef.MapRef) type;
      return "MapOf" + describe(map.key()) + "To" + describe(map.value());
    }
    throw new IllegalArgumentException("no name for " + type);
  }
}
