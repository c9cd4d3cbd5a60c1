package dev.ssekit.processor;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void print() {
    Compilation c = Javac.compile(Javac.source("x.Order",
        "package x;",
        "import dev.ssekit.core.*;",
        "import java.util.*;",
        "import java.time.*;",
        "@SseEvent(name = \"order\")",
        "public record Order(@SseId long id, String customer, List<Map<String, List<Line>>> lines,",
        "    Optional<Instant> at, OptionalInt count, int[][] grid, Color color, Map<Color, Byte> m,",
        "    @SseProperty(\"n\") Node node, @SseIgnore Thread ignored) {",
        "  public enum Color { RED, GREEN }",
        "  public record Line(String sku, short qty, Set<UUID> ids) {}",
        "  public static class Node { public String name; public List<Node> children; }",
        "}"));
    System.out.println(c.diagnostics());
    System.out.println(Javac.generatedSource(c, "x.Order_SseCodec"));
  }
}
