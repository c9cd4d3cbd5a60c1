package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.Site;
import dev.ssekit.processor.internal.model.TypeRef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The records, classes and enums one event reaches through its properties, each queued once to be
 * read after the class that reaches it.
 */
final class ReachedTypes {
  private final TypeMapper mapper;
  private final Set<String> seen = new HashSet<>();
  private final Deque<Reached> pending = new ArrayDeque<>();

  /**
   * A type still to be read.
   *
   * @param type the type
   * @param site the property that first reached it, where its problems are reported
   */
  record Reached(TypeElement type, Site site) {}

  ReachedTypes(TypeMapper mapper) {
    this.mapper = mapper;
  }

  /** Notes that {@code type} is being read, so that reaching it again queues nothing. */
  void reading(TypeElement type) {
    seen.add(type.getQualifiedName().toString());
  }

  /** Maps the type of the property at {@code site}, queueing every type it reaches. */
  TypeRef map(TypeMirror type, Site site) {
    return mapper.map(
        type,
        (element, declared) -> {
          if (seen.add(element.getQualifiedName().toString())) {
            pending.addLast(new Reached(element, site));
          }
        });
  }

  /** Maps a type the codec never writes (an ignored property, an id) without queueing anything. */
  TypeRef mapOnly(TypeMirror type) {
    return mapper.map(type, null);
  }

  /** The next type to read, or {@code null} when all are read. */
  Reached next() {
    return pending.pollFirst();
  }
}
