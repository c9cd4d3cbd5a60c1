package dev.ssekit.processor.internal.emit;

import static dev.ssekit.processor.internal.emit.SourceText.local;
import static dev.ssekit.processor.internal.emit.SourceText.stringLiteral;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.ssekit.processor.internal.model.Accessor;
import dev.ssekit.processor.internal.model.Creator;
import dev.ssekit.processor.internal.model.ObjectModel;
import dev.ssekit.processor.internal.model.Property;
import dev.ssekit.processor.internal.model.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The members that write and read one record, class or enum as a JSON object (or an enum as its
 * constant name): the event's own in the top-level {@code SseCodec}, every other object's in a
 * private nested {@code JsonCodec}.
 */
final class ObjectCode {
  private final CodecNames codecs;
  private final ValueCode values;

  ObjectCode(CodecNames codecs, ValueCode values) {
    this.codecs = codecs;
    this.values = values;
  }

  /** The private nested {@code JsonCodec} of an object the event reaches. */
  TypeSpec nestedCodec(ObjectModel object) {
    ClassName name = codecs.of(object.name());
    TypeName javaType = TypeNames.of(object.name());
    TypeSpec.Builder type =
        TypeSpec.classBuilder(name)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addSuperinterface(ParameterizedTypeName.get(CoreApi.JSON_CODEC, javaType))
            .addField(
                FieldSpec.builder(name, "INSTANCE", Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T()", name)
                    .build());
    if (object.isEnum()) {
      type.addMethod(overrideWrite(javaType).addStatement("out.value(value.name())").build());
      type.addMethod(overrideRead(javaType).addStatement("return parse(in.nextString())").build());
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
                  CoreApi.JSON_EXCEPTION,
                  "unknown " + object.name().simpleName() + " constant \"",
                  "\"")
              .endControlFlow()
              .build());
      return type.build();
    }
    addNames(type, object);
    type.addMethod(writeMethod(object));
    type.addMethod(readMethod(object));
    return type.build();
  }

  /** The {@code JsonName} constants and the {@code JsonNames} of an object's properties. */
  void addNames(TypeSpec.Builder type, ObjectModel object) {
    List<Property> written = written(object);
    if (written.isEmpty()) {
      return;
    }
    CodeBlock.Builder names = CodeBlock.builder().add("$T.of(", CoreApi.JSON_NAMES);
    for (int i = 0; i < written.size(); i++) {
      Property property = written.get(i);
      type.addField(
          FieldSpec.builder(CoreApi.JSON_NAME, nameConstant(object, property))
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("$T.of($L)", CoreApi.JSON_NAME, stringLiteral(property.jsonName()))
              .build());
      names.add(i == 0 ? "$L" : ", $L", stringLiteral(property.jsonName()));
    }
    type.addField(
        FieldSpec.builder(CoreApi.JSON_NAMES, "NAMES")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(names.add(")").build())
            .build());
  }

  /** {@code write(JsonWriter out, T value)}: the object's properties as one JSON object. */
  MethodSpec writeMethod(ObjectModel object) {
    MethodSpec.Builder method = overrideWrite(TypeNames.of(object.name()));
    method.addStatement("out.beginObject()");
    for (Property property : written(object)) {
      method.addCode(writeProperty(object, property));
    }
    method.addStatement("out.endObject()");
    return method.build();
  }

  /** {@code read(JsonReader in)}: one JSON object into a new instance, unknown names skipped. */
  MethodSpec readMethod(ObjectModel object) {
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
            ValueCode.defaultValue(property.type()));
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
        CodeBlock read = values.readExpression(property.type());
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
                ? ValueCode.defaultValue(property.type())
                : CodeBlock.of("$L", local(property.javaName()));
        arguments.add(i == 0 ? "$L" : ", $L", argument);
      }
      method.addStatement("return new $T($L)", javaType, arguments.build());
    } else {
      method.addStatement("return result");
    }
    return method.build();
  }

  /** An expression reading a member through {@code getter} from the local {@code value}. */
  static CodeBlock getter(Accessor getter) {
    return getter.kind() == Accessor.Kind.FIELD
        ? CodeBlock.of("value.$L", getter.name())
        : CodeBlock.of("value.$L()", getter.name());
  }

  private CodeBlock writeProperty(ObjectModel object, Property property) {
    CodeBlock get = getter(property.getter());
    String name = nameConstant(object, property);
    TypeRef type = property.type();
    CodeBlock.Builder code = CodeBlock.builder();
    if (type instanceof TypeRef.Primitive) {
      code.addStatement("out.name($L)", name);
      code.add(values.writeNonNull(type, get));
      return code.build();
    }
    String local = local(property.javaName());
    code.addStatement("$T $L = $L", TypeNames.of(type), local, get);
    if (type instanceof TypeRef.OptionalRef) {
      code.beginControlFlow("if ($L != null && $L.isPresent())", local, local);
      code.addStatement("out.name($L)", name);
      code.add(
          values.writeNonNull(
              ((TypeRef.OptionalRef) type).element(), CodeBlock.of("$L.get()", local)));
    } else if (type instanceof TypeRef.OptionalPrimitive) {
      code.beginControlFlow("if ($L != null && $L.isPresent())", local, local);
      code.addStatement("out.name($L)", name);
      code.addStatement(
          "out.value($L.$L())",
          local,
          ValueCode.optionalGetter(((TypeRef.OptionalPrimitive) type).kind()));
    } else {
      code.beginControlFlow("if ($L != null)", local);
      code.addStatement("out.name($L)", name);
      code.add(values.writeNonNull(type, CodeBlock.of("$L", local)));
    }
    return code.endControlFlow().build();
  }

  private static List<Property> written(ObjectModel object) {
    List<Property> written = new ArrayList<>();
    for (Property property : object.properties()) {
      if (!property.ignored()) {
        written.add(property);
      }
    }
    return written;
  }

  private static String nameConstant(ObjectModel object, Property property) {
    Set<String> taken = new HashSet<>();
    for (Property p : written(object)) {
      String name = "NAME_" + SourceText.upperSnake(p.javaName());
      for (int i = 2; !taken.add(name); i++) {
        name = "NAME_" + SourceText.upperSnake(p.javaName()) + "_" + i;
      }
      if (p == property) {
        return name;
      }
    }
    throw new IllegalStateException("not a written property: " + property.javaName());
  }

  private static Property propertyNamed(ObjectModel object, String javaName) {
    for (Property property : object.properties()) {
      if (property.javaName().equals(javaName)) {
        return property;
      }
    }
    throw new IllegalStateException("no property " + javaName + " in " + object.name());
  }

  private static MethodSpec.Builder overrideWrite(TypeName javaType) {
    return MethodSpec.methodBuilder("write")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(CoreApi.JSON_WRITER, "out")
        .addParameter(javaType, "value");
  }

  private static MethodSpec.Builder overrideRead(TypeName javaType) {
    return MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(javaType)
        .addParameter(CoreApi.JSON_READER, "in");
  }
}
