package dev.ssekit.core.json.internal;

import dev.ssekit.core.internal.Utf8Buffer;
import dev.ssekit.core.json.JsonWriter;

/**
 * The frame encoder's way into {@link JsonWriter}: it shares the writer's buffer and resets and
 * checks the writer between frames, none of which belongs in the writer's public API. {@code
 * JsonWriter} registers the implementation when it is initialised.
 */
public abstract class JsonWriterAccess {
  private static volatile JsonWriterAccess instance;

  /** Called once, by {@code JsonWriter}'s static initialiser. */
  public static void register(JsonWriterAccess access) {
    instance = access;
  }

  /** The registered access, initialising {@code JsonWriter} first if nothing has yet. */
  public static JsonWriterAccess get() {
    JsonWriterAccess access = instance;
    if (access == null) {
      try {
        Class.forName(JsonWriter.class.getName(), true, JsonWriter.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      access = instance;
    }
    return access;
  }

  /** A writer appending to {@code buffer}, which it shares with the frame encoder. */
  public abstract JsonWriter over(Utf8Buffer buffer);

  /**
   * Makes {@code writer} ready for another top-level value, leaving the buffer as it is, also after
   * a codec failed half-way.
   */
  public abstract void newDocument(JsonWriter writer);

  /** True when exactly one complete top-level value was written since the last reset. */
  public abstract boolean isDocumentComplete(JsonWriter writer);
}
