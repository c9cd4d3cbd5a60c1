package dev.ssekit.processor.internal.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.ssekit.processor.internal.model.PrimitiveKind;
import dev.ssekit.processor.internal.model.TypeRef;
import dev.ssekit.processor.internal.model.ValueKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The private static helper methods of one file, emitted once each and only when used: a write and
 * a read method per container type, and readers for narrow numbers and for types parsed from text.
 * Code asks for a helper by name while it is emitted; the file adds the helpers at its end.
 */
final class HelperMethods {
  private final Map<TypeRef, String> containerNames = new HashMap<>();
  private final Set<String> usedContainerNames = new HashSet<>();
  private final Deque<TypeRef> pendingContainers = new ArrayDeque<>();
  private final Set<PrimitiveKind> narrowReaders = EnumSet.noneOf(PrimitiveKind.class);
  private final Set<ValueKind> textReaders = EnumSet.noneOf(ValueKind.class);

  /**
   * The name of the helper that writes ({@code verb} "write") or reads ("read") {@code container},
   * e.g. {@code writeListOfLine}; the first request queues both for emission.
   */
  String container(String verb, TypeRef container) {
    String name = containerNames.get(container);
    if (name == null) {
      String base = TypeNames.describe(container);
      name = base;
      for (int i = 2; !usedContainerNames.add(name); i++) {
        name = base + i;
      }
      containerNames.put(container, name);
      pendingContainers.addLast(container);
    }
    return verb + name;
  }

  /** The next container whose helpers are still to be emitted, or {@code null}. */
  TypeRef nextPendingContainer() {
    return pendingContainers.pollFirst();
  }

  /** The name of the helper reading a {@code byte} or {@code short} with a range check. */
  String narrowReader(PrimitiveKind kind) {
    narrowReaders.add(kind);
    return "read" + box(kind);
  }

  /** The name of the helper reading a value parsed from a JSON string, such as a UUID. */
  String textReader(ValueKind kind) {
    textReaders.add(kind);
    return textReaderName(kind);
  }

  /** The reader helpers requested so far: narrow numbers first, then text values. */
  List<MethodSpec> readers() {
    List<MethodSpec> readers = new ArrayList<>();
    for (PrimitiveKind kind : narrowReaders) {
      readers.add(narrowReaderMethod(kind));
    }
    for (ValueKind kind : textReaders) {
      readers.add(textReaderMethod(kind));
    }
    return readers;
  }

  private static String box(PrimitiveKind kind) {
    return kind == PrimitiveKind.BYTE ? "Byte" : "Short";
  }

  private static String textReaderName(ValueKind kind) {
    return "read" + TypeNames.ofQualified(kind.className()).simpleName();
  }

  private static MethodSpec narrowReaderMethod(PrimitiveKind kind) {
    String box = box(kind);
    TypeName type = TypeNames.primitive(kind);
    return MethodSpec.methodBuilder("read" + box)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(type)
        .addParameter(CoreApi.JSON_READER, "in")
        .addStatement("int value = in.nextInt()")
        .beginControlFlow("if (value < $L.MIN_VALUE || value > $L.MAX_VALUE)", box, box)
        .addStatement(
            "throw new $T($S + value, -1)",
            CoreApi.JSON_EXCEPTION,
            "expected a " + kind.keyword() + " but the number is out of range: ")
        .endControlFlow()
        .addStatement("return ($T) value", type)
        .build();
  }

  private static MethodSpec textReaderMethod(ValueKind kind) {
    ClassName type = TypeNames.ofQualified(kind.className());
    return MethodSpec.methodBuilder(textReaderName(kind))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(type)
        .addParameter(CoreApi.JSON_READER, "in")
        .addStatement("String text = in.nextString()")
        .beginControlFlow("try")
        .addStatement("return $T.$L(text)", type, kind.parseMethod())
        .nextControlFlow("catch ($T e)", RuntimeException.class)
        .addStatement(
            "throw new $T($S + text + $S + e.getMessage(), -1)",
            CoreApi.JSON_EXCEPTION,
            "expected a " + type.simpleName() + " but got \"",
            "\": ")
        .endControlFlow()
        .build();
  }
}
