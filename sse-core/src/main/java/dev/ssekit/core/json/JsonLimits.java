package dev.ssekit.core.json;

/**
 * Bounds on what a {@link JsonReader} accepts (and how deep a {@link JsonWriter} nests), so that
 * hostile or broken input ends in a clear {@link JsonException} instead of a stack overflow,
 * unbounded memory or seconds of CPU spent on one number.
 *
 * @param maxDepth the deepest nesting of arrays and objects accepted; a top-level {@code []} is
 *     depth 1
 * @param maxStringLength the longest string or name accepted, in bytes as it appears in the input
 *     (UTF-8, escape sequences counted as written)
 * @param maxNumberLength the longest number accepted, in characters (sign, digits, point and
 *     exponent)
 */
public record JsonLimits(int maxDepth, int maxStringLength, int maxNumberLength) {
  /**
   * 512 levels, 16 MiB strings, 1,000-character numbers: far beyond what real events need, small
   * enough that no input can exhaust the stack, the heap or the CPU.
   */
  public static final JsonLimits DEFAULT = new JsonLimits(512, 16 << 20, 1_000);

  /** Validates the limits. */
  public JsonLimits {
    if (maxDepth <= 0) {
      throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
    }
    if (maxStringLength < 0) {
      throw new IllegalArgumentException(
          "maxStringLength must not be negative: " + maxStringLength);
    }
    if (maxNumberLength <= 0) {
      throw new IllegalArgumentException("maxNumberLength must be positive: " + maxNumberLength);
    }
  }
}
