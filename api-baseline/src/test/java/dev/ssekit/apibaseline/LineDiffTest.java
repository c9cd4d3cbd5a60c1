package dev.ssekit.apibaseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {
  private static final List<String> BEFORE =
      List.of(
          "module m",
          "",
          "public final class a.A",
          "  public void keep()",
          "  public void gone()",
          "",
          "public final class a.B",
          "  public void same()");

  @Test
  void equalLinesHaveNoDifference() {
    assertThat(LineDiff.of(BEFORE, BEFORE)).isEmpty();
  }

  @Test
  void namesEachRemovedAndAddedLineUnderItsDeclaration() {
    List<String> after =
        List.of(
            "module m",
            "",
            "public final class a.A",
            "  public void keep()",
            "  public void renamed()",
            "",
            "public final class a.B",
            "  public void same()",
            "  public int added(int)");

    assertThat(LineDiff.of(BEFORE, after))
        .containsExactly(
            "@@ public final class a.A @@",
            "-  public void gone()",
            "+  public void renamed()",
            "@@ public final class a.B @@",
            "+  public int added(int)");
  }

  @Test
  void aRemovedTypeIsOneHunkWithAllItsLines() {
    List<String> after = BEFORE.subList(0, 6);

    assertThat(LineDiff.of(BEFORE, after))
        .containsExactly(
            "@@ public final class a.A @@", "-public final class a.B", "-  public void same()");
  }
}
