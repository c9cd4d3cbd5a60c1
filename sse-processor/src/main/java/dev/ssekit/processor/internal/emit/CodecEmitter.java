package dev.ssekit.processor.internal.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.ssekit.processor.internal.model.Accessor;
import dev.ssekit.processor.internal.model.Creator;
import dev.ssekit.processor.internal.model.EventModel;
import dev.ssekit.processor.internal.model.IdMember;
import dev.ssekit.processor.internal.model.JavaName;
import dev.ssekit.processor.internal.model.ObjectModel;
import dev.ssekit.processor.internal.model.PrimitiveKind;
import dev.ssekit.processor.internal.model.Property;
import dev.ssekit.processor.internal.model.TypeRef;
import dev.ssekit.processor.internal.model.ValueKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Emits the codec of one event: a top-level {@code public final class Event_SseCodec implements
 * SseCodec<Event>} with a private nested {@code JsonCodec} for every record, class and enum the
 * event reaches, and private static helpers for containers, so that the file depends on nothing
 * but core's public API and the user's types.
 */
public final class CodecEmitter {
  private static final String CORE = "dev.ssekit.core";
  private static final String JSON = "dev.ssekit.core.json";
  static final ClassName JSON_WRITER = ClassName.get(JSON, "JsonWriter");
  static final ClassName JSON_READER = ClassName.get(JSON, "JsonReader");
  static final ClassName JSON_NAME = ClassName.get(JSON, "JsonName");
  static final ClassName JSON_NAMES = ClassName.get(JSON, "JsonNames");
  static final ClassName JSON_CODEC = ClassName.get(JSON, "JsonCodec");
  static final ClassName JSON_EXCEPTION = ClassName.get(JSON, "JsonException");
  static final ClassName SSE_CODEC = ClassName.get(CORE, "SseCodec");
  private static final ClassName RANDOM_ACCESS = ClassName.get("java.util", "RandomAccess");
  private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  /** Names a property local must not take: parameters, locals and the constants it would hide. */
  private static final Set<String> RESERVED_LOCALS =
      Set.of("in", "out", "value", "result", "NAMES", "INSTANCE");

  private final ClassName generatedAnnotation;
  private final String generator;

  /**
   * An emitter.
   *
   * @param generatedAnnotation the qualified name of the {@code @Generated} annotation available
   *     to the compiled code, or {@code null} for none
   * @param generator the name put in {@code @Generated}: the processor's class name
   */
  public CodecEmitter(String generatedAnnotation, String generator) {
    this.generatedAnnotation =
        generatedAnnotation == null ? null : TypeNames.ofQualified(generatedAnnotation);
    this.generator = generator;
  }

  /** The codec source for a validated event. */
  public JavaFile emit(EventModel event) {
    return new FileEmitter(event).emit();
  }

  /** The state of one file: codec class names and the helpers requested so far. */
  private final class FileEmitter {
    private final EventModel event;
    private final ClassName codec;
    private final Map<JavaName, ClassName> codecs = new HashMap<>();
    private final Map<TypeRef, String> helperNames = new LinkedHashMap<>();
    private final Set<String> usedHelperNames = new HashSet<>();
    private final Deque<TypeRef> pendingHelpers = new ArrayDeque<>();
    private final Set<PrimitiveKind> narrowReaders = EnumSet.noneOf(PrimitiveKind.class);
    private final Set<ValueKind> textReaders = EnumSet.noneOf(ValueKind.class);

    FileEmitter(EventModel event) {
      this.event = event;
      this.codec = TypeNames.of(event.codecName());
      codecs.put(event.type(), codec);
      Set<String> nestedNames = new HashSet<>();
      for (ObjectModel nested : event.nested()) {
        String name = nested.name().flatName() + "_Codec";
        for (int i = 2; !nestedNames.add(name); i++) {
          name = nested.name().flatName() + "_Codec" + i;
        }
        codecs.put(nested.name(), codec.nestedClass(name));
      }
    }

    JavaFile emit() {
      ObjectModel root = event.root();
      TypeName eventType = TypeNames.of(root.name());
      TypeSpec.Builder type =
          TypeSpec.classBuilder(codec)
              .addJavadoc(
                  "Writes and reads {@link $T} as {@code $L} events, without reflection.\n",
                  eventType,
                  escapeJavadoc(event.eventName()))
              .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
              .addSuperinterface(ParameterizedTypeName.get(SSE_CODEC, eventType))
              .addField(
                  FieldSpec.builder(codec, "INSTANCE")
                      .addJavadoc("The codec; it holds no state.\n")
                      .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                      .initializer("new $T()", codec)
                      .build());
      if (generatedAnnotation != null) {
        type.addAnnotation(
            AnnotationSpec.builder(generatedAnnotation)
                .addMember("value", "$S", generator)
                .build());
      }
      addObjectMembers(type, root, true);
      type.addMethod(
          MethodSpec.constructorBuilder()
              .addJavadoc("Creates the codec; {@link java.util.ServiceLoader} calls this.\n")
              .addModifiers(Modifier.PUBLIC)
              .build());
      type.addMethod(
          MethodSpec.methodBuilder("eventName")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(String.class)
              .addStatement("return $L", stringLiteral(event.eventName()))
              .build());
      type.addMethod(
          MethodSpec.methodBuilder("type")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(ParameterizedTypeName.get(ClassName.get(Class.class), eventType))
              .addStatement("return $T.class", eventType)
              .build());
      if (!event.ids().isEmpty()) {
        type.addMethod(idMethod(eventType, event.ids().get(0)));
      }
      type.addMethod(writeMethod(root));
      type.addMethod(readMethod(root));
      for (ObjectModel nested : event.nested()) {
        type.addType(nestedCodec(nested));
      }
      List<MethodSpec> helpers = new ArrayList<>();
      while (!pendingHelpers.isEmpty()) {
        TypeRef container = pendingHelpers.removeFirst();
        helpers.add(writeHelper(container));
        helpers.add(readHelper(container));
      }
      for (PrimitiveKind kind : narrowReaders) {
        helpers.add(narrowReader(kind));
      }
      for (ValueKind kind : textReaders) {
        helpers.add(textReader(kind));
      }
      type.addMethods(helpers);
      return JavaFile.builder(codec.packageName(), type.build())
          .skipJavaLangImports(true)
          .indent("  ")
          .build();
    }

    // ---- objects ----------------------------------------------------------------------------

    private TypeSpec nestedCodec(ObjectModel object) {
      ClassName name = codecs.get(object.name());
      TypeName javaType = TypeNames.of(object.name());
      TypeSpec.Builder type =
          TypeSpec.classBuilder(name)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addSuperinterface(ParameterizedTypeName.get(JSON_CODEC, javaType))
              .addField(
                  FieldSpec.builder(name, "INSTANCE", Modifier.STATIC, Modifier.FINAL)
                      .initializer("new $T()", name)
                      .build());
      if (object.isEnum()) {
        type.addMethod(
            overrideWrite(javaType).addStatement("out.value(value.name())").build());
        type.addMethod(
            overrideRead(javaType).addStatement("return parse(in.nextString())").build());
        type.addMethod(
            MethodSpec.methodBuilder("parse")
                .addModifiers(Modifier.STATIC)
                .returns(javaType)
                .addParameter(String.class, "name")
                .beginControlFlow("try")
                .addStatement("return $T.valueOf(name)", javaType)
                .nextControlFlow("catch ($T e)", IllegalArgumentException.class)
                .addStatement(
                    "throw new $T($S + name + $S, -1)",
                    JSON_EXCEPTION,
                    "unknown " + object.name().simpleName() + " constant \"",
                    "\"")
                .endControlFlow()
                .build());
        return type.build();
      }
      addObjectMembers(type, object, false);
      type.addMethod(writeMethod(object));
      type.addMethod(readMethod(object));
      return type.build();
    }

    private List<Property> written(ObjectModel object) {
      List<Property> written = new ArrayList<>();
      for (Property property : object.properties()) {
        if (!property.ignored()) {
          written.add(property);
        }
      }
      return written;
    }

    /** The {@code JsonName} constants and the {@code JsonNames} of an object's properties. */
    private void addObjectMembers(TypeSpec.Builder type, ObjectModel object, boolean root) {
      List<Property> written = written(object);
      if (written.isEmpty()) {
        return;
      }
      CodeBlock.Builder names = CodeBlock.builder().add("$T.of(", JSON_NAMES);
      for (int i = 0; i < written.size(); i++) {
        Property property = written.get(i);
        type.addField(
            FieldSpec.builder(JSON_NAME, nameConstant(object, property))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.of($L)", JSON_NAME, stringLiteral(property.jsonName()))
                .build());
        names.add(i == 0 ? "$L" : ", $L", stringLiteral(property.jsonName()));
      }
      type.addField(
          FieldSpec.builder(JSON_NAMES, "NAMES")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer(names.add(")").build())
              .build());
    }

    private String nameConstant(ObjectModel object, Property property) {
      List<Property> written = written(object);
      Set<String> taken = new HashSet<>();
      for (Property p : written) {
        String name = "NAME_" + upperSnake(p.javaName());
        for (int i = 2; !taken.add(name); i++) {
          name = "NAME_" + upperSnake(p.javaName()) + "_" + i;
        }
        if (p == property) {
          return name;
        }
      }
      throw new IllegalStateException("not a written property: " + property.javaName());
    }

    private MethodSpec.Builder overrideWrite(TypeName javaType) {
      return MethodSpec.methodBuilder("write")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .addParameter(JSON_WRITER, "out")
          .addParameter(javaType, "value");
    }

    private MethodSpec.Builder overrideRead(TypeName javaType) {
      return MethodSpec.methodBuilder("read")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(javaType)
          .addParameter(JSON_READER, "in");
    }

    private MethodSpec writeMethod(ObjectModel object) {
      MethodSpec.Builder method = overrideWrite(TypeNames.of(object.name()));
      method.addStatement("out.beginObject()");
      for (Property property : written(object)) {
        method.addCode(writeProperty(object, property));
      }
      method.addStatement("out.endObject()");
      return method.build();
    }

    private CodeBlock writeProperty(ObjectModel object, Property property) {
      CodeBlock get = getter(property.getter());
      String name = nameConstant(object, property);
      TypeRef type = property.type();
      CodeBlock.Builder code = CodeBlock.builder();
      if (type instanceof TypeRef.Primitive) {
        code.addStatement("out.name($L)", name);
        code.add(writeNonNull(type, get));
        return code.build();
      }
      String local = local(property.javaName());
      code.addStatement("$T $L = $L", TypeNames.of(type), local, get);
      if (type instanceof TypeRef.OptionalRef) {
        code.beginControlFlow("if ($L != null && $L.isPresent())", local, local);
        code.addStatement("out.name($L)", name);
        code.add(
            writeNonNull(
                ((TypeRef.OptionalRef) type).element(), CodeBlock.of("$L.get()", local)));
      } else if (type instanceof TypeRef.OptionalPrimitive) {
        code.beginControlFlow("if ($L != null && $L.isPresent())", local, local);
        code.addStatement("out.name($L)", name);
        code.addStatement(
            "out.value($L.$L())",
            local,
            optionalGetter(((TypeRef.OptionalPrimitive) type).kind()));
      } else {
        code.beginControlFlow("if ($L != null)", local);
        code.addStatement("out.name($L)", name);
        code.add(writeNonNull(type, CodeBlock.of("$L", local)));
      }
      return code.endControlFlow().build();
    }

    private CodeBlock getter(Accessor getter) {
      return getter.kind() == Accessor.Kind.FIELD
          ? CodeBlock.of("value.$L", getter.name())
          : CodeBlock.of("value.$L()", getter.name());
    }

    private MethodSpec readMethod(ObjectModel object) {
      MethodSpec.Builder method = overrideRead(TypeNames.of(object.name()));
      List<Property> written = written(object);
      boolean viaConstructor = object.creator().kind() == Creator.Kind.CONSTRUCTOR;
      TypeName javaType = TypeNames.of(object.name());
      if (viaConstructor) {
        for (Property property : written) {
          method.addStatement(
              "$T $L = $L",
              TypeNames.of(property.type()),
              local(property.javaName()),
              defaultValue(property.type()));
        }
      } else {
        method.addStatement("$T result = new $T()", javaType, javaType);
      }
      method.addStatement("in.beginObject()");
      method.beginControlFlow("while (in.hasNext())");
      if (written.isEmpty()) {
        method.addStatement("in.nextName()");
        method.addStatement("in.skipValue()");
      } else {
        method.beginControlFlow("switch (in.nextName(NAMES))");
        for (int i = 0; i < written.size(); i++) {
          Property property = written.get(i);
          method.addCode("case $L:\n", i).addCode("$>");
          CodeBlock read = readExpression(property.type());
          if (viaConstructor) {
            method.addStatement("$L = $L", local(property.javaName()), read);
          } else if (property.setter().kind() == Accessor.Kind.FIELD) {
            method.addStatement("result.$L = $L", property.setter().name(), read);
          } else {
            method.addStatement("result.$L($L)", property.setter().name(), read);
          }
          method.addStatement("break").addCode("$<");
        }
        method.addCode("default:\n$>").addStatement("in.skipValue()").addCode("$<");
        method.endControlFlow();
      }
      method.endControlFlow();
      method.addStatement("in.endObject()");
      if (viaConstructor) {
        CodeBlock.Builder arguments = CodeBlock.builder();
        List<String> parameters = object.creator().parameters();
        for (int i = 0; i < parameters.size(); i++) {
          Property property = propertyNamed(object, parameters.get(i));
          CodeBlock argument =
              property.ignored()
                  ? defaultValue(property.type())
                  : CodeBlock.of("$L", local(property.javaName()));
          arguments.add(i == 0 ? "$L" : ", $L", argument);
        }
        method.addStatement("return new $T($L)", javaType, arguments.build());
      } else {
        method.addStatement("return result");
      }
      return method.build();
    }

    private Property propertyNamed(ObjectModel object, String javaName) {
      for (Property property : object.properties()) {
        if (property.javaName().equals(javaName)) {
          return property;
        }
      }
      throw new IllegalStateException("no property " + javaName + " in " + object.name());
    }

    private MethodSpec idMethod(TypeName eventType, IdMember id) {
      MethodSpec.Builder method =
          MethodSpec.methodBuilder("id")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(String.class)
              .addParameter(eventType, "value");
      CodeBlock get = getter(id.getter());
      TypeRef type = id.type();
      if (type instanceof TypeRef.Primitive) {
        return method.addStatement("return $T.valueOf($L)", String.class, get).build();
      }
      if (type instanceof TypeRef.Value && ((TypeRef.Value) type).kind() == ValueKind.STRING) {
        return method.addStatement("return $L", get).build();
      }
      method.addStatement("$T id = $L", TypeNames.of(type), get);
      String text = type instanceof TypeRef.EnumRef ? "name" : "toString";
      return method.addStatement("return id == null ? null : id.$L()", text).build();
    }

    // ---- values -----------------------------------------------------------------------------

    /** Statements writing {@code value} (a side-effect-free expression), known not to be null. */
    private CodeBlock writeNonNull(TypeRef type, CodeBlock value) {
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
        ClassName objectCodec = codecs.get(((TypeRef.ObjectRef) type).name());
        return CodeBlock.builder()
            .addStatement("$T.INSTANCE.write(out, $L)", objectCodec, value)
            .build();
      }
      if (type instanceof TypeRef.OptionalRef) {
        return CodeBlock.builder()
            .beginControlFlow("if ($L.isPresent())", value)
            .add(
                writeNonNull(
                    ((TypeRef.OptionalRef) type).element(), CodeBlock.of("$L.get()", value)))
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
      return CodeBlock.builder().addStatement("$L(out, $L)", helper("write", type), value).build();
    }

    /** Statements writing an element or map value {@code e} (a local), which may be null. */
    private CodeBlock writeElement(TypeRef type, String e) {
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

    /** An expression reading one value, {@code null} included, of {@code type}. */
    private CodeBlock readExpression(TypeRef type) {
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
            textReaders.add(kind);
            return CodeBlock.of("$L(in)", textReaderName(kind));
        }
      }
      if (type instanceof TypeRef.EnumRef) {
        return CodeBlock.of("$T.INSTANCE.read(in)", codecs.get(((TypeRef.EnumRef) type).name()));
      }
      if (type instanceof TypeRef.ObjectRef) {
        return CodeBlock.of(
            "$T.INSTANCE.read(in)", codecs.get(((TypeRef.ObjectRef) type).name()));
      }
      if (type instanceof TypeRef.OptionalRef) {
        return CodeBlock.of(
            "$T.of($L)", TypeNames.OPTIONAL, readNonNull(((TypeRef.OptionalRef) type).element()));
      }
      if (type instanceof TypeRef.OptionalPrimitive) {
        PrimitiveKind kind = ((TypeRef.OptionalPrimitive) type).kind();
        return CodeBlock.of("$T.of($L)", TypeNames.optionalPrimitive(kind), readPrimitive(kind));
      }
      return CodeBlock.of("$L(in)", helper("read", type));
    }

    private CodeBlock readPrimitive(PrimitiveKind kind) {
      switch (kind) {
        case BOOLEAN:
          return CodeBlock.of("in.nextBoolean()");
        case BYTE:
        case SHORT:
          narrowReaders.add(kind);
          return CodeBlock.of("read$L(in)", kind == PrimitiveKind.BYTE ? "Byte" : "Short");
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
    private CodeBlock defaultValue(TypeRef type) {
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

    // ---- helpers ----------------------------------------------------------------------------

    private String helper(String verb, TypeRef container) {
      String name = helperNames.get(container);
      if (name == null) {
        String base = TypeNames.describe(container);
        name = base;
        for (int i = 2; !usedHelperNames.add(name); i++) {
          name = base + i;
        }
        helperNames.put(container, name);
        pendingHelpers.addLast(container);
      }
      return verb + name;
    }

    private MethodSpec writeHelper(TypeRef container) {
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(helper("write", container))
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(JSON_WRITER, "out")
              .addParameter(TypeNames.of(container), "value");
      if (container instanceof TypeRef.ArrayRef) {
        TypeRef component = ((TypeRef.ArrayRef) container).component();
        method.addStatement("out.beginArray()");
        method.beginControlFlow("for (int i = 0; i < value.length; i++)");
        method.addCode(bindAndWrite(component, CodeBlock.of("value[i]")));
        method.endControlFlow();
        method.addStatement("out.endArray()");
      } else if (container instanceof TypeRef.CollectionRef) {
        TypeRef.CollectionRef collection = (TypeRef.CollectionRef) container;
        TypeRef element = collection.element();
        method.addStatement("out.beginArray()");
        if (collection.kind() == dev.ssekit.processor.internal.model.CollectionKind.LIST) {
          method.beginControlFlow("if (value instanceof $T)", RANDOM_ACCESS);
          method.beginControlFlow("for (int i = 0, n = value.size(); i < n; i++)");
          method.addCode(bindAndWrite(element, CodeBlock.of("value.get(i)")));
          method.endControlFlow();
          method.nextControlFlow("else");
          method.beginControlFlow("for ($T e : value)", TypeNames.of(element));
          method.addCode(writeElement(element, "e"));
          method.endControlFlow();
          method.endControlFlow();
        } else {
          method.beginControlFlow("for ($T e : value)", TypeNames.of(element));
          method.addCode(writeElement(element, "e"));
          method.endControlFlow();
        }
        method.addStatement("out.endArray()");
      } else {
        TypeRef.MapRef map = (TypeRef.MapRef) container;
        method.addStatement("out.beginObject()");
        method.beginControlFlow(
            "for ($T.Entry<$T, $T> entry : value.entrySet())",
            TypeNames.MAP,
            TypeNames.of(map.key()),
            TypeNames.of(map.value()));
        method.addStatement("$T key = entry.getKey()", TypeNames.of(map.key()));
        method.beginControlFlow("if (key == null)");
        method.addStatement(
            "throw new $T($S, -1)",
            JSON_EXCEPTION,
            "a Map has a null key, which JSON cannot write");
        method.endControlFlow();
        method.addStatement(
            map.key() instanceof TypeRef.EnumRef ? "out.name(key.name())" : "out.name(key)");
        method.addCode(bindAndWrite(map.value(), CodeBlock.of("entry.getValue()")));
        method.endControlFlow();
        method.addStatement("out.endObject()");
      }
      return method.build();
    }

    private CodeBlock bindAndWrite(TypeRef element, CodeBlock value) {
      if (element instanceof TypeRef.Primitive) {
        return writeNonNull(element, value);
      }
      return CodeBlock.builder()
          .addStatement("$T e = $L", TypeNames.of(element), value)
          .add(writeElement(element, "e"))
          .build();
    }

    private MethodSpec readHelper(TypeRef container) {
      TypeName javaType = TypeNames.of(container);
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(helper("read", container))
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(javaType)
              .addParameter(JSON_READER, "in");
      if (container instanceof TypeRef.ArrayRef) {
        TypeRef component = ((TypeRef.ArrayRef) container).component();
        method.addStatement("$T result = $L", javaType, newArray(component, "8"));
        method.addStatement("int n = 0");
        method.addStatement("in.beginArray()");
        method.beginControlFlow("while (in.hasNext())");
        method.beginControlFlow("if (n == result.length)");
        method.addStatement("result = $T.copyOf(result, n * 2)", ARRAYS);
        method.endControlFlow();
        method.addStatement("result[n++] = $L", readExpression(component));
        method.endControlFlow();
        method.addStatement("in.endArray()");
        method.addStatement("return n == result.length ? result : $T.copyOf(result, n)", ARRAYS);
      } else if (container instanceof TypeRef.CollectionRef) {
        TypeRef.CollectionRef collection = (TypeRef.CollectionRef) container;
        method.addStatement(
            "$T result = new $T<>()",
            javaType,
            TypeNames.ofQualified(collection.kind().implementationName()));
        method.addStatement("in.beginArray()");
        method.beginControlFlow("while (in.hasNext())");
        method.addStatement("result.add($L)", readExpression(collection.element()));
        method.endControlFlow();
        method.addStatement("in.endArray()");
        method.addStatement("return result");
      } else {
        TypeRef.MapRef map = (TypeRef.MapRef) container;
        method.addStatement(
            "$T result = new $T<>()", javaType, ClassName.get("java.util", "LinkedHashMap"));
        method.addStatement("in.beginObject()");
        method.beginControlFlow("while (in.hasNext())");
        if (map.key() instanceof TypeRef.EnumRef) {
          method.addStatement(
              "$T key = $T.parse(in.nextName())",
              TypeNames.of(map.key()),
              codecs.get(((TypeRef.EnumRef) map.key()).name()));
        } else {
          method.addStatement("String key = in.nextName()");
        }
        method.addStatement("result.put(key, $L)", readExpression(map.value()));
        method.endControlFlow();
        method.addStatement("in.endObject()");
        method.addStatement("return result");
      }
      return method.build();
    }

    /** {@code new Line[size]}, or {@code new int[size][]} for an array of arrays. */
    private CodeBlock newArray(TypeRef component, String size) {
      int dimensions = 0;
      TypeRef base = component;
      while (base instanceof TypeRef.ArrayRef) {
        base = ((TypeRef.ArrayRef) base).component();
        dimensions++;
      }
      return CodeBlock.of(
          "new $T[$L]$L", TypeNames.of(base), size, "[]".repeat(dimensions));
    }

    private MethodSpec narrowReader(PrimitiveKind kind) {
      String box = kind == PrimitiveKind.BYTE ? "Byte" : "Short";
      TypeName type = TypeNames.primitive(kind);
      return MethodSpec.methodBuilder("read" + box)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(type)
          .addParameter(JSON_READER, "in")
          .addStatement("int value = in.nextInt()")
          .beginControlFlow("if (value < $L.MIN_VALUE || value > $L.MAX_VALUE)", box, box)
          .addStatement(
              "throw new $T($S + value, -1)",
              JSON_EXCEPTION,
              "expected a " + kind.keyword() + " but the number is out of range: ")
          .endControlFlow()
          .addStatement("return ($T) value", type)
          .build();
    }

    private String textReaderName(ValueKind kind) {
      return "read" + TypeNames.ofQualified(kind.className()).simpleName();
    }

    private MethodSpec textReader(ValueKind kind) {
      ClassName type = TypeNames.ofQualified(kind.className());
      return MethodSpec.methodBuilder(textReaderName(kind))
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(type)
          .addParameter(JSON_READER, "in")
          .addStatement("String text = in.nextString()")
          .beginControlFlow("try")
          .addStatement("return $T.$L(text)", type, kind.parseMethod())
          .nextControlFlow("catch ($T e)", RuntimeException.class)
          .addStatement(
              "throw new $T($S + text + $S + e.getMessage(), -1)",
              JSON_EXCEPTION,
              "expected a " + type.simpleName() + " but got \"",
              "\": ")
          .endControlFlow()
          .build();
    }
  }

  private static String optionalGetter(PrimitiveKind kind) {
    switch (kind) {
      case INT:
        return "getAsInt";
      case LONG:
        return "getAsLong";
      default:
        return "getAsDouble";
    }
  }

  private static String local(String javaName) {
    return RESERVED_LOCALS.contains(javaName) || javaName.startsWith("NAME_")
        ? javaName + "_"
        : javaName;
  }

  /** {@code fooBar} → {@code FOO_BAR}. */
  static String upperSnake(String name) {
    StringBuilder s = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
        s.append('_');
      }
      s.append(Character.isJavaIdentifierPart(c) ? c : '_');
    }
    return s.toString().toUpperCase(Locale.ROOT);
  }

  private static String escapeJavadoc(String text) {
    // A backslash too: javac reads unicode escapes even in comments, so a name containing a
    // backslash, 'u002a' and '/' would otherwise end the comment.
    return text.replace("\\", "&#92;").replace("*/", "*&#47;").replace("@", "&#64;");
  }

  /**
   * {@code value} as a Java string literal, in ASCII. Not JavaPoet's {@code $S}: it writes U+2028
   * and U+2029 raw and its code writer then breaks the line there (it splits lines on {@code \R}),
   * leaving an unclosed literal. Non-ASCII characters are written as unicode escapes, which javac
   * turns back into the characters inside the literal; CR and LF, which would end the line before
   * lexing if written so, use their escape sequences.
   */
  private static String stringLiteral(String value) {
    StringBuilder s = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        s.append('\\').append(c);
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c == '\r') {
        s.append("\\r");
      } else if (c < 0x20 || c > 0x7E) {
        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.append('"').toString();
  }
}
