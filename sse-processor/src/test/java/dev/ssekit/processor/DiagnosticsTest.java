package dev.ssekit.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every problem is a compile error with its catalogue id, on the offending element's file and
 * line, and all of them are reported by one compilation. The sources mark each line that must get
 * an error with a comment naming the expected ids.
 */
class DiagnosticsTest {
  private static final Pattern ID = Pattern.compile("SSE\\d{3}");

  private static final JavaFileObject NAMES =
      Javac.source(
          "e.Names",
          "package e;",
          "import dev.ssekit.core.*;",
          "final class Names {",
          "  @SseEvent(name = \"\") record EmptyName(int a) {} // SSE100",
          "  @SseEvent(name = \"a\\nb\") record LineBreak(int a) {} // SSE101",
          "  @SseEvent(name = \"dup\") record Dup1(int a) {} // SSE102",
          "  @SseEvent(name = \"dup\") record Dup2(int a) {} // SSE102",
          "}");

  private static final JavaFileObject SHAPES =
      Javac.source(
          "e.Shapes",
          "package e;",
          "import dev.ssekit.core.*;",
          "public class Shapes {",
          "  @SseEvent(name = \"g\") public record Generic<T>(T t) {} // SSE103",
          "  @SseEvent(name = \"i\") public class Inner { public int a; } // SSE104",
          "  @SseEvent(name = \"p\") private record Private(int a) {} // SSE105",
          "  @SseEvent(name = \"ab\") public abstract static class Abstract {} // SSE106",
          "  @SseEvent(name = \"if\") public interface Iface {} // SSE106",
          "  @SseEvent(name = \"en\") public enum En { A } // SSE106",
          "  @SseEvent(name = \"nc\") public static class NoCtor { private NoCtor() {} } // SSE302",
          "}");

  private static final JavaFileObject IDS =
      Javac.source(
          "e.Ids",
          "package e;",
          "import dev.ssekit.core.*;",
          "@SseEvent(name = \"ids\")",
          "public record Ids(",
          "    @SseId String a,",
          "    @SseId String b, // SSE107",
          "    @SseId java.util.List<String> c) {} // SSE107 SSE109");

  private static final JavaFileObject MEMBERS =
      Javac.source(
          "e.Members",
          "package e;",
          "import dev.ssekit.core.*;",
          "@SseEvent(name = \"members\")",
          "public class Members {",
          "  public Thread worker; // SSE200",
          "  public java.util.Map<Integer, String> byNumber; // SSE200",
          "  public java.util.Date when; // SSE200",
          "  public java.util.List<?> wildcard; // SSE200",
          "  public Object anything; // SSE200",
          "  public java.util.ArrayList<String> concrete; // SSE200",
          "  public java.util.List<String>[] genericArray; // SSE200",
          "  private String hidden; // SSE300",
          "  @SseId private String secretId; // SSE108 SSE300",
          "  public final int fixed = 1; // SSE301",
          "  @SseProperty(\"\") public String empty; // SSE304",
          "  @SseProperty(\"same\") public String one;",
          "  @SseProperty(\"same\") public String two; // SSE305",
          "  public Box<String> box; // SSE103",
          "  public Holder holder; // SSE302",
          "  @SseIgnore public Thread ignored;",
          "  public transient Thread alsoIgnored;",
          "}",
          "class Box<T> { public T t; }",
          "class Holder { public Holder(int a) {} public Holder(String b) {} }");

  private static final JavaFileObject CTOR =
      Javac.source(
          "e.Ctor",
          "package e;",
          "import dev.ssekit.core.*;",
          "@SseEvent(name = \"ctor\")",
          "public final class Ctor {",
          "  private final int a;",
          "  private final int b; // SSE301",
          "  public Ctor(int a, int c) { this.a = a; this.b = c; } // SSE303",
          "  public int getA() { return a; }",
          "  public int getB() { return b; }",
          "}");

  private static final JavaFileObject NESTED =
      Javac.source(
          "e.Nested",
          "package e;",
          "import dev.ssekit.core.*;",
          "@SseEvent(name = \"nested\")",
          "public record Nested(Part part, java.util.List<Part> parts) {}",
          "record Part(Thread t) {} // SSE200");

  private static final List<JavaFileObject> ALL =
      List.of(NAMES, SHAPES, IDS, MEMBERS, CTOR, NESTED);

  @Test
  void everyProblemIsReportedOnItsLineInOneCompilation() {
    Compilation compilation = Javac.lenientCompiler().compile(ALL);

    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    List<String> actual = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      Matcher id = ID.matcher(error.getMessage(Locale.ROOT));
      assertThat(id.lookingAt() || id.find()).as("%s", error).isTrue();
      assertThat(error.getMessage(Locale.ROOT)).startsWith("[" + id.group() + "] ");
      assertThat(error.getSource()).as("%s", error).isNotNull();
      actual.add(error.getSource().getName() + ":" + error.getLineNumber() + " " + id.group());
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expectedFromMarkers(ALL));
    Catalogue.assertEveryMessageIsCatalogued(compilation);
  }

  @Test
  void messagesSayWhatIsWrongAndWhatToDo() {
    Compilation compilation = Javac.lenientCompiler().compile(ALL);
    List<String> messages = new ArrayList<>();
    compilation.errors().forEach(e -> messages.add(e.getMessage(Locale.ROOT)));

    assertThat(messages)
        .contains("[SSE100] @SseEvent name must not be empty: it is the frame's event type")
        .contains(
            "[SSE101] @SseEvent name \"a\\nb\" must not contain CR or LF: a line break would"
                + " forge frame fields")
        .anySatisfy(m -> assertThat(m).startsWith("[SSE102] event name \"dup\" is also used by"
            + " e.Names.Dup2"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE102] event name \"dup\" is also used by"
            + " e.Names.Dup1"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE103] @SseEvent class e.Shapes.Generic is"
            + " generic"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE103] e.Box (used by property 'box' of"
            + " Members) is generic"))
        .anySatisfy(m -> assertThat(m).contains("non-static inner class").contains("static"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE105] @SseEvent class e.Shapes.Private is"
            + " not accessible from package e"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE106] @SseEvent class e.Shapes.Iface is an"
            + " interface"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE106] @SseEvent class e.Shapes.En is an"
            + " enum"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE107] only one member may be marked"
            + " @SseId; b of e.Ids"))
        .anySatisfy(m -> assertThat(m).contains("[SSE109] @SseId member c of e.Ids has type"
            + " java.util.List<java.lang.String>"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE200] property 'worker' of e.Members has"
            + " unsupported type java.lang.Thread: supported are primitives")
            .endsWith("Change its type, or mark it @SseIgnore or transient"))
        .anySatisfy(m -> assertThat(m).contains("'byNumber'")
            .contains("a Map key must be String or an enum"))
        .anySatisfy(m -> assertThat(m).contains("'when'").contains("use a java.time type"))
        .anySatisfy(m -> assertThat(m).contains("'wildcard'").contains("wildcards"))
        .anySatisfy(m -> assertThat(m).contains("'concrete'")
            .contains("declare the property as List, Set, SortedSet, Collection or Map"))
        .anySatisfy(m -> assertThat(m).contains("'genericArray'").contains("use a List instead"))
        .anySatisfy(m -> assertThat(m).contains("property 't' of e.Part has unsupported type"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE300] property 'hidden' of e.Members is not"
            + " accessible from package e and has no accessible getter"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE108] @SseId member secretId of e.Members"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE301] property 'fixed' of e.Members cannot"
            + " be set when reading"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE301] property 'b' of e.Ctor cannot be set"
            + " when reading: the constructor has no parameter 'b'"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE302] e.Holder (used by property 'holder'"
            + " of Members) has no usable constructor: it has 2 constructors with parameters"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE302] @SseEvent class e.Shapes.NoCtor has"
            + " no usable constructor: it has no constructor the generated code can call"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE303] constructor parameter 'c' of e.Ctor"
            + " matches no property"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE304] @SseProperty name of 'empty' in"
            + " e.Members must not be empty"))
        .anySatisfy(m -> assertThat(m).startsWith("[SSE305] JSON name \"same\" of property 'two'"
            + " is already used by property 'one' of e.Members"));
  }

  @Test
  void aValidEventNextToBrokenOnesStillGetsNoSpuriousErrors() {
    Compilation compilation =
        Javac.lenientCompiler()
            .compile(
                NESTED,
                Javac.source(
                    "e.Fine",
                    "package e;",
                    "@dev.ssekit.core.SseEvent(name = \"fine\")",
                    "public record Fine(String a) {}"));
    assertThat(Javac.errors(compilation)).hasSize(1).allMatch(e -> e.contains("[SSE200]"));
  }

  /** "file:line id" for every id in a marker comment. */
  private static List<String> expectedFromMarkers(List<JavaFileObject> sources) {
    List<String> expected = new ArrayList<>();
    for (JavaFileObject source : sources) {
      String[] lines;
      try {
        lines = source.getCharContent(true).toString().split("\n", -1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (int i = 0; i < lines.length; i++) {
        int comment = lines[i].indexOf("// ");
        if (comment < 0) {
          continue;
        }
        Matcher id = ID.matcher(lines[i].substring(comment));
        while (id.find()) {
          expected.add(source.getName() + ":" + (i + 1) + " " + id.group());
        }
      }
    }
    return expected;
  }
}
