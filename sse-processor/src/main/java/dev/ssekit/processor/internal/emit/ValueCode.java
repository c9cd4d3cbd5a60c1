package dev.ssekit.processor.internal.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.ssekit.processor.internal.model.PrimitiveKind;
import dev.ssekit.processor.internal.model.TypeRef;
import dev.ssekit.processor.internal.model.ValueKind;

/**
 * How one value of each kind is written to {@code out} and read from {@code in}: the statements and
 * expressions the object codecs and the container helpers are made of.
 */
final class ValueCode {
  private final CodecNames codecs;
  private final HelperMethods helpers;

  ValueCode(CodecNames codecs, HelperMethods helpers) {
    this.codecs = codecs;
    this.helpers = helpers;
  }

  /** Statements writing {@code value} (a side-effect-free expression), known not to be null. */
  CodeBlock writeNonNull(TypeRef type, CodeBlock value) {
    if (type instanceof TypeRef.Primitive) {
      return CodeBlock.builder().addStatement("out.value($L)", value).build();
    }
    if (type instanceof TypeRef.Boxed) {
      PrimitiveKind kind = ((TypeRef.Boxed) type).kind();
      return CodeBlock.builder()
          .addStatement("out.value($L.$LValue())", value, kind.keyword())
          .build();
    }
    if (type instanceof TypeRef.Value) {
      ValueKind kind = ((TypeRef.Value) type).kind();
      return CodeBlock.builder()
          .addStatement(kind.isText() ? "out.value($L.toString())" : "out.value($L)", value)
          .build();
    }
    if (type instanceof TypeRef.EnumRef) {
      return CodeBlock.builder().addStatement("out.value($L.name())", value).build();
    }
    if (type instanceof TypeRef.ObjectRef) {
      ClassName objectCodec = codecs.of(((TypeRef.ObjectRef) type).name());
      return CodeBlock.builder()
          .addStatement("$T.INSTANCE.write(out, $L)", objectCodec, value)
          .build();
    }
    if (type instanceof TypeRef.OptionalRef) {
      return CodeBlock.builder()
          .beginControlFlow("if ($L.isPresent())", value)
          .add(
              writeNonNull(((TypeRef.OptionalRef) type).element(), CodeBlock.of("$L.get()", value)))
          .nextControlFlow("else")
          .addStatement("out.nullValue()")
          .endControlFlow()
          .build();
    }
    if (type instanceof TypeRef.OptionalPrimitive) {
      PrimitiveKind kind = ((TypeRef.OptionalPrimitive) type).kind();
      return CodeBlock.builder()
          .beginControlFlow("if ($L.isPresent())", value)
          .addStatement("out.value($L.$L())", value, optionalGetter(kind))
          .nextControlFlow("else")
          .addStatement("out.nullValue()")
          .endControlFlow()
          .build();
    }
    return CodeBlock.builder()
        .addStatement("$L(out, $L)", helpers.container("write", type), value)
        .build();
  }

  /** Statements writing an element or map value {@code e} (a local), which may be null. */
  CodeBlock writeElement(TypeRef type, String e) {
    if (type instanceof TypeRef.Primitive
        || (type instanceof TypeRef.Value && ((TypeRef.Value) type).kind() == ValueKind.STRING)) {
      // JsonWriter.value(String) writes null itself.
      return writeNonNull(type, CodeBlock.of("$L", e));
    }
    return CodeBlock.builder()
        .beginControlFlow("if ($L == null)", e)
        .addStatement("out.nullValue()")
        .nextControlFlow("else")
        .add(writeNonNull(type, CodeBlock.of("$L", e)))
        .endControlFlow()
        .build();
  }

  /** Statements writing the element {@code value}, through a local {@code e} unless primitive. */
  CodeBlock bindAndWrite(TypeRef element, CodeBlock value) {
    if (element instanceof TypeRef.Primitive) {
      return writeNonNull(element, value);
    }
    return CodeBlock.builder()
        .addStatement("$T e = $L", TypeNames.of(element), value)
        .add(writeElement(element, "e"))
        .build();
  }

  /** An expression reading one value, {@code null} included, of {@code type}. */
  CodeBlock readExpression(TypeRef type) {
    return CodeBlock.of("in.nextIfNull() ? $L : $L", defaultValue(type), readNonNull(type));
  }

  /** An expression reading one value of {@code type}, known not to be a JSON null. */
  private CodeBlock readNonNull(TypeRef type) {
    if (type instanceof TypeRef.Primitive) {
      return readPrimitive(((TypeRef.Primitive) type).kind());
    }
    if (type instanceof TypeRef.Boxed) {
      return readPrimitive(((TypeRef.Boxed) type).kind());
    }
    if (type instanceof TypeRef.Value) {
      ValueKind kind = ((TypeRef.Value) type).kind();
      switch (kind) {
        case STRING:
          return CodeBlock.of("in.nextString()");
        case BIG_DECIMAL:
          return CodeBlock.of("in.nextBigDecimal()");
        case BIG_INTEGER:
          return CodeBlock.of("in.nextBigInteger()");
        default:
          return CodeBlock.of("$L(in)", helpers.textReader(kind));
      }
    }
    if (type instanceof TypeRef.EnumRef) {
      return CodeBlock.of("$T.INSTANCE.read(in)", codecs.of(((TypeRef.EnumRef) type).name()));
    }
    if (type instanceof TypeRef.ObjectRef) {
      return CodeBlock.of("$T.INSTANCE.read(in)", codecs.of(((TypeRef.ObjectRef) type).name()));
    }
    if (type instanceof TypeRef.OptionalRef) {
      return CodeBlock.of(
          "$T.of($L)", TypeNames.OPTIONAL, readNonNull(((TypeRef.OptionalRef) type).element()));
    }
    if (type instanceof TypeRef.OptionalPrimitive) {
      PrimitiveKind kind = ((TypeRef.OptionalPrimitive) type).kind();
      return CodeBlock.of("$T.of($L)", TypeNames.optionalPrimitive(kind), readPrimitive(kind));
    }
    return CodeBlock.of("$L(in)", helpers.container("read", type));
  }

  private CodeBlock readPrimitive(PrimitiveKind kind) {
    switch (kind) {
      case BOOLEAN:
        return CodeBlock.of("in.nextBoolean()");
      case BYTE:
      case SHORT:
        return CodeBlock.of("$L(in)", helpers.narrowReader(kind));
      case INT:
        return CodeBlock.of("in.nextInt()");
      case LONG:
        return CodeBlock.of("in.nextLong()");
      case CHAR:
        return CodeBlock.of("in.nextChar()");
      case FLOAT:
        return CodeBlock.of("in.nextFloat()");
      default:
        return CodeBlock.of("in.nextDouble()");
    }
  }

  /** What a missing or null value reads as. */
  static CodeBlock defaultValue(TypeRef type) {
    if (type instanceof TypeRef.Primitive) {
      switch (((TypeRef.Primitive) type).kind()) {
        case BOOLEAN:
          return CodeBlock.of("false");
        case BYTE:
          return CodeBlock.of("(byte) 0");
        case SHORT:
          return CodeBlock.of("(short) 0");
        case LONG:
          return CodeBlock.of("0L");
        case CHAR:
          return CodeBlock.of("'\\0'");
        case FLOAT:
          return CodeBlock.of("0.0f");
        case DOUBLE:
          return CodeBlock.of("0.0");
        default:
          return CodeBlock.of("0");
      }
    }
    if (type instanceof TypeRef.OptionalRef) {
      return CodeBlock.of("$T.empty()", TypeNames.OPTIONAL);
    }
    if (type instanceof TypeRef.OptionalPrimitive) {
      return CodeBlock.of(
          "$T.empty()", TypeNames.optionalPrimitive(((TypeRef.OptionalPrimitive) type).kind()));
    }
    return CodeBlock.of("null");
  }

  /** The {@code OptionalInt/Long/Double} method that returns the present value. */
  static String optionalGetter(PrimitiveKind kind) {
    switch (kind) {
      case INT:
        return "getAsInt";
      case LONG:
        return "getAsLong";
      default:
        return "getAsDouble";
    }
  }
}
