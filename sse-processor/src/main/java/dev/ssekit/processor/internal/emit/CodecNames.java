package dev.ssekit.processor.internal.emit;

import com.palantir.javapoet.ClassName;
import dev.ssekit.processor.internal.model.EventModel;
import dev.ssekit.processor.internal.model.JavaName;
import dev.ssekit.processor.internal.model.ObjectModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The codec class of every object in one file: the top-level {@code Event_SseCodec} for the event,
 * a nested {@code Type_Codec} for each record, class and enum it reaches.
 */
final class CodecNames {
  private final ClassName event;
  private final Map<JavaName, ClassName> codecs = new HashMap<>();

  CodecNames(EventModel model) {
    this.event = TypeNames.of(model.codecName());
    codecs.put(model.type(), event);
    Set<String> nestedNames = new HashSet<>();
    for (ObjectModel nested : model.nested()) {
      // Types from two packages (a.Line, b.Line) or spelled alike (A_B, A.B) share a flat name.
      String name = nested.name().flatName() + "_Codec";
      for (int i = 2; !nestedNames.add(name); i++) {
        name = nested.name().flatName() + "_Codec" + i;
      }
      codecs.put(nested.name(), event.nestedClass(name));
    }
  }

  /** The top-level codec class, named after the event. */
  ClassName event() {
    return event;
  }

  /** The codec class of the event or of an object it reaches. */
  ClassName of(JavaName object) {
    return codecs.get(object);
  }
}
