package dev.ssekit.processor.internal.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.ssekit.processor.internal.model.CollectionKind;
import dev.ssekit.processor.internal.model.TypeRef;
import javax.lang.model.element.Modifier;

/**
 * The helper methods that write and read a container (an array, a collection or a map) as a JSON
 * array or object, element by element.
 */
final class ContainerCode {
  private static final ClassName RANDOM_ACCESS = ClassName.get("java.util", "RandomAccess");
  private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  private static final ClassName LINKED_HASH_MAP = ClassName.get("java.util", "LinkedHashMap");

  private final CodecNames codecs;
  private final HelperMethods helpers;
  private final ValueCode values;

  ContainerCode(CodecNames codecs, HelperMethods helpers, ValueCode values) {
    this.codecs = codecs;
    this.helpers = helpers;
    this.values = values;
  }

  /** {@code writeListOfLine(JsonWriter out, List<Line> value)} and its like. */
  MethodSpec writeHelper(TypeRef container) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(helpers.container("write", container))
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addParameter(CoreApi.JSON_WRITER, "out")
            .addParameter(TypeNames.of(container), "value");
    if (container instanceof TypeRef.ArrayRef) {
      TypeRef component = ((TypeRef.ArrayRef) container).component();
      method.addStatement("out.beginArray()");
      method.beginControlFlow("for (int i = 0; i < value.length; i++)");
      method.addCode(values.bindAndWrite(component, CodeBlock.of("value[i]")));
      method.endControlFlow();
      method.addStatement("out.endArray()");
    } else if (container instanceof TypeRef.CollectionRef) {
      TypeRef.CollectionRef collection = (TypeRef.CollectionRef) container;
      TypeRef element = collection.element();
      method.addStatement("out.beginArray()");
      if (collection.kind() == CollectionKind.LIST) {
        method.beginControlFlow("if (value instanceof $T)", RANDOM_ACCESS);
        method.beginControlFlow("for (int i = 0, n = value.size(); i < n; i++)");
        method.addCode(values.bindAndWrite(element, CodeBlock.of("value.get(i)")));
        method.endControlFlow();
        method.nextControlFlow("else");
        method.beginControlFlow("for ($T e : value)", TypeNames.of(element));
        method.addCode(values.writeElement(element, "e"));
        method.endControlFlow();
        method.endControlFlow();
      } else {
        method.beginControlFlow("for ($T e : value)", TypeNames.of(element));
        method.addCode(values.writeElement(element, "e"));
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
          CoreApi.JSON_EXCEPTION,
          "a Map has a null key, which JSON cannot write");
      method.endControlFlow();
      method.addStatement(
          map.key() instanceof TypeRef.EnumRef ? "out.name(key.name())" : "out.name(key)");
      method.addCode(values.bindAndWrite(map.value(), CodeBlock.of("entry.getValue()")));
      method.endControlFlow();
      method.addStatement("out.endObject()");
    }
    return method.build();
  }

  /** {@code readListOfLine(JsonReader in)} and its like. */
  MethodSpec readHelper(TypeRef container) {
    TypeName javaType = TypeNames.of(container);
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(helpers.container("read", container))
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(javaType)
            .addParameter(CoreApi.JSON_READER, "in");
    if (container instanceof TypeRef.ArrayRef) {
      TypeRef component = ((TypeRef.ArrayRef) container).component();
      method.addStatement("$T result = $L", javaType, newArray(component, "8"));
      method.addStatement("int n = 0");
      method.addStatement("in.beginArray()");
      method.beginControlFlow("while (in.hasNext())");
      method.beginControlFlow("if (n == result.length)");
      method.addStatement("result = $T.copyOf(result, n * 2)", ARRAYS);
      method.endControlFlow();
      method.addStatement("result[n++] = $L", values.readExpression(component));
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
      method.addStatement("result.add($L)", values.readExpression(collection.element()));
      method.endControlFlow();
      method.addStatement("in.endArray()");
      method.addStatement("return result");
    } else {
      TypeRef.MapRef map = (TypeRef.MapRef) container;
      method.addStatement("$T result = new $T<>()", javaType, LINKED_HASH_MAP);
      method.addStatement("in.beginObject()");
      method.beginControlFlow("while (in.hasNext())");
      if (map.key() instanceof TypeRef.EnumRef) {
        method.addStatement(
            "$T key = $T.parse(in.nextName())",
            TypeNames.of(map.key()),
            codecs.of(((TypeRef.EnumRef) map.key()).name()));
      } else {
        method.addStatement("String key = in.nextName()");
      }
      method.addStatement("result.put(key, $L)", values.readExpression(map.value()));
      method.endControlFlow();
      method.addStatement("in.endObject()");
      method.addStatement("return result");
    }
    return method.build();
  }

  /** {@code new Line[size]}, or {@code new int[size][]} for an array of arrays. */
  private static CodeBlock newArray(TypeRef component, String size) {
    int dimensions = 0;
    TypeRef base = component;
    while (base instanceof TypeRef.ArrayRef) {
      base = ((TypeRef.ArrayRef) base).component();
      dimensions++;
    }
    return CodeBlock.of("new $T[$L]$L", TypeNames.of(base), size, "[]".repeat(dimensions));
  }
}
