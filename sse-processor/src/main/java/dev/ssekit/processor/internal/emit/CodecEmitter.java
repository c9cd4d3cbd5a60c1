package dev.ssekit.processor.internal.emit;

import static dev.ssekit.processor.internal.emit.SourceText.escapeJavadoc;
import static dev.ssekit.processor.internal.emit.SourceText.stringLiteral;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.ssekit.processor.internal.model.EventModel;
import dev.ssekit.processor.internal.model.IdMember;
import dev.ssekit.processor.internal.model.ObjectModel;
import dev.ssekit.processor.internal.model.TypeRef;
import dev.ssekit.processor.internal.model.ValueKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Emits the codec of one event: a top-level {@code public final class Event_SseCodec implements
 * SseCodec<Event>} with a private nested {@code JsonCodec} for every record, class and enum the
 * event reaches, and private static helpers for containers, so that the file depends on nothing but
 * core's public API and the user's types.
 */
public final class CodecEmitter {
  private final ClassName generatedAnnotation;
  private final String generator;

  /**
   * An emitter.
   *
   * @param generatedAnnotation the qualified name of the {@code @Generated} annotation available to
   *     the compiled code, or {@code null} for none
   * @param generator the name put in {@code @Generated}: the processor's class name
   */
  public CodecEmitter(String generatedAnnotation, String generator) {
    this.generatedAnnotation =
        generatedAnnotation == null ? null : TypeNames.ofQualified(generatedAnnotation);
    this.generator = generator;
  }

  /** The codec source for a validated event. */
  public JavaFile emit(EventModel event) {
    CodecNames codecs = new CodecNames(event);
    HelperMethods helpers = new HelperMethods();
    ValueCode values = new ValueCode(codecs, helpers);
    ObjectCode objects = new ObjectCode(codecs, values);
    ClassName codec = codecs.event();
    ObjectModel root = event.root();
    TypeName eventType = TypeNames.of(root.name());
    TypeSpec.Builder type =
        TypeSpec.classBuilder(codec)
            .addJavadoc(
                "Writes and reads {@link $T} as {@code $L} events, without reflection.\n",
                eventType,
                escapeJavadoc(event.eventName()))
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(ParameterizedTypeName.get(CoreApi.SSE_CODEC, eventType))
            .addField(
                FieldSpec.builder(codec, "INSTANCE")
                    .addJavadoc("The codec; it holds no state.\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T()", codec)
                    .build());
    if (generatedAnnotation != null) {
      type.addAnnotation(
          AnnotationSpec.builder(generatedAnnotation).addMember("value", "$S", generator).build());
    }
    objects.addNames(type, root);
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
    type.addMethod(objects.writeMethod(root));
    type.addMethod(objects.readMethod(root));
    for (ObjectModel nested : event.nested()) {
      type.addType(objects.nestedCodec(nested));
    }
    type.addMethods(helperMethods(helpers, new ContainerCode(codecs, helpers, values)));
    return JavaFile.builder(codec.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /** {@code id(T value)}: the frame's id, read from the {@code @SseId} member. */
  private static MethodSpec idMethod(TypeName eventType, IdMember id) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("id")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addParameter(eventType, "value");
    CodeBlock get = ObjectCode.getter(id.getter());
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

  /**
   * Every helper the codecs asked for, container helpers first; emitting one may ask for more (a
   * {@code List<int[]>} needs the {@code int[]} helpers too).
   */
  private static List<MethodSpec> helperMethods(HelperMethods helpers, ContainerCode containers) {
    List<MethodSpec> methods = new ArrayList<>();
    for (TypeRef container = helpers.nextPendingContainer();
        container != null;
        container = helpers.nextPendingContainer()) {
      methods.add(containers.writeHelper(container));
      methods.add(containers.readHelper(container));
    }
    methods.addAll(helpers.readers());
    return methods;
  }
}
