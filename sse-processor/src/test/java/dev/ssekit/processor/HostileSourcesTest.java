package dev.ssekit.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.ssekit.core.EventStreamReader;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.SseEncoder;
import dev.ssekit.core.internal.FieldRules;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile sources end in compile errors with catalogue ids (or in working codecs),
 * never in a processor crash: no diagnostic says SSE900 (the processor's own bug report) and javac
 * never reports an exception escaping a processor.
 */
class HostileSourcesTest {

  @Test
  void syntaxErrorsInTheAnnotatedFileAreJavacsAlone() {
    Compilation c =
        compile(
            Javac.source(
                "h.Broken",
                "package h;",
                "import dev.ssekit.core.*;",
                "@SseEvent(name = \"broken\")",
                "public record Broken(int a {", // missing ')'
                "  void m() { int x = ; }",
                "}"),
            Javac.source(
                "h.Half", "package h;", "@dev.ssekit.core.SseEvent(name = ", "record Half() {}"));
    assertThat(c.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(ids(c)).isEmpty(); // javac's own errors only
  }

  @Test
  void missingTypesAreReportedByJavacWithoutAProcessorBug() {
    Compilation c =
        compile(
            Javac.source(
                "h.Missing",
                "package h;",
                "import dev.ssekit.core.*;",
                "import java.util.*;",
                "@SseEvent(name = \"missing\")",
                "public record Missing(List<DoesNotExist> items, Gone one,",
                "    Map<String, Optional<Nowhere[]>> deep) {}"),
            Javac.source(
                "h.MissingBean",
                "package h;",
                "@dev.ssekit.core.SseEvent(name = \"missingBean\")",
                "public class MissingBean extends NotThere {",
                "  public Absent field;",
                "}"),
            Javac.source(
                "h.MissingAnnotationValue",
                "package h;",
                "@dev.ssekit.core.SseEvent(name = Constants.NOPE)",
                "public record MissingAnnotationValue(int a) {}"));
    assertThat(c.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(messages(c)).anySatisfy(m -> assertThat(m).contains("cannot find symbol"));
  }

  @Test
  void annotationsLocalClassesAndAnonymousUsesAreRejectedOrIgnored() {
    Compilation c =
        compile(
            Javac.source(
                "h.Shapes",
                "package h;",
                "import dev.ssekit.core.*;",
                "public class Shapes {",
                "  @SseEvent(name = \"an\") public @interface Ann {} // SSE106",
                "  @SseEvent(name = \"ab\") public abstract static class Abs { public int a; } //"
                    + " SSE106",
                "  @SseEvent(name = \"sealed\") public sealed interface S permits Impl {} //"
                    + " SSE106",
                "  public record Impl(int a) implements S {}",
                "  void local() {",
                "    @SseEvent(name = \"local\") record Local(int a) {}",
                "    @SseEvent(name = \"localClass\") class LocalClass { public int a; }",
                "  }",
                "}"));
    assertThat(c.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(ids(c)).containsOnly("SSE106").hasSize(3);
    // Local classes are invisible to annotation processing (they are not members of a package):
    // no codec and no error.
    Compilation local =
        compileStrict(
            Javac.source(
                "h.Local",
                "package h;",
                "public class Local {",
                "  static Object make() {",
                "    @dev.ssekit.core.SseEvent(name = \"local\") record Inside(int a) {}",
                "    return new Inside(1);",
                "  }",
                "}"));
    Javac.assertSucceeded(local);
    assertThat(local.generatedSourceFiles()).isEmpty();

    Compilation anonymous =
        compile(
            Javac.source(
                "h.Anon",
                "package h;",
                "public class Anon {",
                "  Object o = new @dev.ssekit.core.SseEvent(name = \"anon\") Object() {};",
                "}"));
    assertThat(anonymous.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(messages(anonymous)).anySatisfy(m -> assertThat(m).contains("not applicable"));
  }

  @Test
  void genericsRawTypesWildcardsAndTypeVariablesAreCompileErrors() {
    Compilation c =
        compile(
            Javac.source(
                "h.Types",
                "package h;",
                "import dev.ssekit.core.*;",
                "import java.util.*;",
                "public class Types {",
                "  @SseEvent(name = \"node\") public record Node<T extends Node<T>>(T next) {} //"
                    + " SSE103",
                "  @SseEvent(name = \"cmp\") public record Cmp<T extends Comparable<? super T>>(T"
                    + " t) {} // SSE103",
                "  @SseEvent(name = \"raw\") public static class Raw {",
                "    @SuppressWarnings(\"rawtypes\") public List raw; // SSE200",
                "    @SuppressWarnings(\"rawtypes\") public Map rawMap; // SSE200",
                "    public List<? extends Number> upper; // SSE200",
                "    public List<? super Integer> lower; // SSE200",
                "    public Map<String, ?> anyValue; // SSE200",
                "    public Optional<? extends CharSequence> optionalWildcard; // SSE200",
                "    public Object object; // SSE200",
                "    public Void nothing; // SSE200",
                "    public Class<?> type; // SSE200",
                "    public Thread thread; // SSE200",
                "    public Runnable task; // SSE200",
                "    public Number number; // SSE200",
                "  }",
                "  public static class Holder<T> { public T value; }",
                "  @SseEvent(name = \"holds\") public record Holds(Holder<String> h) {} // SSE103",
                "  public record SelfBound<T extends SelfBound<T>>(T t) {}",
                "  @SseEvent(name = \"self\") public record Self(SelfBound<?> s) {} // SSE103",
                "}"));
    assertThat(c.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(idsByLine(c)).isEqualTo(expectedByLine(c.sourceFiles()));
  }

  @Test
  void recursiveTypesWithoutGenericsWork() throws Exception {
    Compilation c =
        compileStrict(
            Javac.source(
                "h.Rec",
                "package h;",
                "import dev.ssekit.core.*;",
                "import java.util.*;",
                "@SseEvent(name = \"rec\")",
                "public record Rec(String label, List<Rec> children, Map<String, Rec> byName,",
                "    Optional<Rec> parent, Rec[] array, Other other) {",
                "  public record Other(Rec back, List<Other> more) {}",
                "}"));
    Javac.assertSucceeded(c);
    SseCodec<Object> codec = codec(c, "h.Rec_SseCodec");
    String json =
        "{\"label\":\"a\",\"children\":[{\"label\":\"b\",\"children\":[]}],"
            + "\"other\":{\"back\":{\"label\":\"c\"},\"more\":[]}}";
    assertThat(codec.toJson(codec.fromJson(json))).isEqualTo(json);
    // Deep recursion in the data is bounded by the reader's nesting limit, not the stack.
    String deep = "{\"children\":[".repeat(5000) + "]}".repeat(5000);
    assertThat(catching(() -> codec.fromJson(deep)))
        .isInstanceOf(dev.ssekit.core.json.JsonException.class)
        .hasMessageContaining("nesting deeper than 512");
  }

  @Test
  void aUserClassAlreadyNamedLikeTheCodecIsAnErrorNotACrash() {
    Compilation c =
        compile(
            Javac.source(
                "h.Ping",
                "package h;",
                "@dev.ssekit.core.SseEvent(name = \"ping\")",
                "public record Ping(int a) {}"),
            Javac.source("h.Ping_SseCodec", "package h;", "public class Ping_SseCodec {}"));
    assertThat(c.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(ids(c)).containsOnly("SSE901");
    assertThat(messages(c)).anySatisfy(m -> assertThat(m).contains("h.Ping_SseCodec"));
  }

  /**
   * Event names are checked exactly as {@code FieldRules.checkType} checks them at run time: empty,
   * CR/LF and unpaired surrogates (UTF-8 cannot carry them) are errors; U+2028/U+2029, NUL, BOM,
   * colons and the rest are allowed, because the wire format carries them.
   */
  @Test
  void eventNamesAreAcceptedExactlyWhenTheWireFormatCanCarryThem() throws Exception {
    String[] names = {
      "",
      "a\rb",
      "a\nb",
      "a\r\nb",
      "\n",
      "a\u2028b",
      "a\u2029b",
      "\u2028",
      "a\u0000b",
      "\u0085",
      "\uD83D\uDE00",
      " leading",
      "trailing ",
      "message",
      "a:b",
      "data: x",
      "\uFEFFbom",
      "\t",
      "e\u0301",
      "\\u002a/ class Evil {} /\\u002a",
      "*/",
      "\\",
      "\"quoted\"",
      "@param",
      "lone\uD83D",
      "\uDE00lone",
    };
    List<Integer> valid = new ArrayList<>();
    List<Integer> invalid = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      try {
        FieldRules.checkType(names[i]);
        valid.add(i);
      } catch (IllegalArgumentException e) {
        invalid.add(i);
      }
    }
    assertThat(invalid).containsExactly(0, 1, 2, 3, 4, names.length - 2, names.length - 1);

    // Rejected, each on its own line, with the id that says why.
    Compilation rejected = compile(namesSource("h.Bad", names, invalid));
    Map<Long, List<String>> byLine = idsByLine(rejected);
    for (int k = 0; k < invalid.size(); k++) {
      String name = names[invalid.get(k)];
      assertThat(byLine.get(4L + k))
          .as("name \"%s\"", javaEscape(name))
          .containsExactly(
              name.isEmpty()
                  ? "SSE100"
                  : name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 ? "SSE101" : "SSE110");
    }
    assertThat(byLine).hasSize(invalid.size());

    // Accepted: warning-free codecs whose frames carry the name, and nothing else, as the type.
    Compilation accepted = compileStrict(namesSource("h.Good", names, valid));
    Javac.assertSucceeded(accepted);
    for (int k = 0; k < valid.size(); k++) {
      String name = names[valid.get(k)];
      String shown = javaEscape(name);
      SseCodec<Object> codec = codec(accepted, "h.Good_N" + k + "_SseCodec");
      assertThat(codec.eventName()).as(shown).isEqualTo(name);
      Object value = codec.fromJson("{\"a\":" + k + "}");
      try (EventStreamReader events =
          new EventStreamReader(new ByteArrayInputStream(SseEncoder.encode(value, codec)))) {
        ServerSentEvent e = events.next();
        assertThat(e.type()).as(shown).isEqualTo(name);
        assertThat(e.data()).isEqualTo("{\"a\":" + k + "}");
        assertThat(events.next()).isNull();
      }
    }
  }

  /** A class {@code qualified} with one event record per chosen name, from line 4 on. */
  private static JavaFileObject namesSource(String qualified, String[] names, List<Integer> which) {
    String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
    List<String> lines =
        new ArrayList<>(
            List.of("package h;", "import dev.ssekit.core.*;", "public class " + simple + " {"));
    for (int k = 0; k < which.size(); k++) {
      lines.add(
          "  @SseEvent(name = \""
              + javaEscape(names[which.get(k)])
              + "\") public record N"
              + k
              + "(int a) {}");
    }
    lines.add("}");
    return Javac.source(qualified, lines.toArray(new String[0]));
  }

  @Test
  void propertyNamesWithLineSeparatorsAndEscapesCompileAndRoundTrip() throws Exception {
    Compilation c =
        compileStrict(
            Javac.source(
                "h.Props",
                "package h;",
                "import dev.ssekit.core.*;",
                "@SseEvent(name = \"props\")",
                "public record Props(",
                "    @SseProperty(\"a\\u2028b\") int a,",
                "    @SseProperty(\"c\\u2029\\u0085\\u0000d\") int c,",
                "    @SseProperty(\"\\\\u002a/ \\\"q\\\" */\") int e,",
                "    @SseProperty(\"\\ud83d\\ude00\\ud800\") int f) {}"));
    Javac.assertSucceeded(c);
    SseCodec<Object> codec = codec(c, "h.Props_SseCodec");
    String json =
        "{\"a\\u2028b\":1,\"c\\u2029\u0085\\u0000d\":2,\"\\\\u002a/ \\\"q\\\" */\":3,"
            + "\"\ud83d\ude00\\ud800\":4}";
    Object value = codec.fromJson(json);
    assertThat(codec.toJson(value)).isEqualTo(json);
  }

  @Test
  void hugeEventNamesCompileUpToWhatJavaCanHold() throws Exception {
    String name = "n".repeat(60_000) + "\u00e9"; // near the class file's 65,535-byte constant limit
    Compilation c =
        compileStrict(
            Javac.source(
                "h.Huge",
                "package h;",
                "@dev.ssekit.core.SseEvent(name = \"" + name + "\")",
                "public record Huge(int a) {}"));
    Javac.assertSucceeded(c);
    assertThat(codec(c, "h.Huge_SseCodec").eventName()).isEqualTo(name);

    Compilation tooLong =
        compile(
            Javac.source(
                "h.TooLong",
                "package h;",
                "@dev.ssekit.core.SseEvent(name = \"" + "n".repeat(70_000) + "\")",
                "public record TooLong(int a) {}"));
    assertThat(tooLong.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(messages(tooLong)).anySatisfy(m -> assertThat(m).containsIgnoringCase("too long"));
  }

  @Test
  void eventNamesMayBeConstantExpressions() throws Exception {
    Compilation c =
        compileStrict(
            Javac.source(
                "h.Named",
                "package h;",
                "import dev.ssekit.core.*;",
                "public class Named {",
                "  static final String PREFIX = \"app.\";",
                "  static final int VERSION = 2;",
                "  @SseEvent(name = PREFIX + \"ping\" + '.' + VERSION) public record Ping(int a)"
                    + " {}",
                "  @SseEvent(name = Other.NAME) public record Pong(int a) {}",
                "  @SseEvent(name = \"\" + (VERSION > 1 ? \"new\" : \"old\")) public record"
                    + " Cond(int a) {}",
                "}",
                "final class Other { static final String NAME = Named.PREFIX + \"pong\"; }"));
    Javac.assertSucceeded(c);
    assertThat(codec(c, "h.Named_Ping_SseCodec").eventName()).isEqualTo("app.ping.2");
    assertThat(codec(c, "h.Named_Pong_SseCodec").eventName()).isEqualTo("app.pong");
    assertThat(codec(c, "h.Named_Cond_SseCodec").eventName()).isEqualTo("new");

    Compilation bad =
        compile(
            Javac.source(
                "h.BadNamed",
                "package h;",
                "import dev.ssekit.core.*;",
                "public class BadNamed {",
                "  static final String NL = \"\\n\";",
                "  @SseEvent(name = \"a\" + NL) public record Forged(int a) {} // SSE101",
                "  @SseEvent(name = Dup.NAME) public record One(int a) {} // SSE102",
                "  @SseEvent(name = \"d\" + \"up\") public record Two(int a) {} // SSE102",
                "}",
                "final class Dup { static final String NAME = \"dup\"; }"));
    assertThat(bad.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(idsByLine(bad)).isEqualTo(expectedByLine(bad.sourceFiles()));

    Compilation notConstant =
        compile(
            Javac.source(
                "h.NotConstant",
                "package h;",
                "public class NotConstant {",
                "  static String name() { return \"x\"; }",
                "  @dev.ssekit.core.SseEvent(name = name()) public record Runtime(int a) {}",
                "}"));
    assertThat(notConstant.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(messages(notConstant))
        .anySatisfy(m -> assertThat(m).contains("not allowed as annotation value"));
  }

  @Test
  void compactConstructorsThatThrowCompileAndTheirExceptionReachesTheReader() throws Exception {
    Compilation c =
        compileStrict(
            Javac.source(
                "h.Checked",
                "package h;",
                "@dev.ssekit.core.SseEvent(name = \"checked\")",
                "public record Checked(int a, String b) {",
                "  public Checked {",
                "    if (a < 0) throw new IllegalArgumentException(\"a must not be negative\");",
                "    java.util.Objects.requireNonNull(b, \"b\");",
                "  }",
                "}"));
    Javac.assertSucceeded(c);
    SseCodec<Object> codec = codec(c, "h.Checked_SseCodec");
    assertThat(codec.toJson(codec.fromJson("{\"a\":1,\"b\":\"x\"}")))
        .isEqualTo("{\"a\":1,\"b\":\"x\"}");
    assertThat(catching(() -> codec.fromJson("{\"a\":-1,\"b\":\"x\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a must not be negative");
    assertThat(catching(() -> codec.fromJson("{\"a\":1}")))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("b");
  }

  @Test
  void twoHundredEventsInOneCompilation() throws Exception {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sources.add(
          Javac.source(
              "many.E" + i,
              "package many;",
              "import java.util.*;",
              "@dev.ssekit.core.SseEvent(name = \"e" + i + "\")",
              "public record E"
                  + i
                  + "(@dev.ssekit.core.SseId long id, String s, Shared shared) {}"));
    }
    // Not a chain of events that reach each other: each codec nests a codec for every type it
    // reaches, so 200 events reaching each other mean 40,000 nested codecs (minutes of javac).
    sources.add(Javac.source("many.Shared", "package many;", "public record Shared(long id) {}"));
    Compilation c = compileStrict(sources.toArray(new JavaFileObject[0]));
    Javac.assertSucceeded(c);
    assertThat(c.generatedSourceFiles()).hasSize(200);
    String services =
        c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.ssekit.core.SseCodec")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(services.split("\n"))
        .hasSize(200)
        .contains("many.E0_SseCodec", "many.E199_SseCodec");
    SseCodec<Object> last = codec(c, "many.E199_SseCodec");
    Object value = last.fromJson("{\"id\":7,\"s\":\"x\",\"shared\":{\"id\":8}}");
    assertThat(last.id(value)).isEqualTo("7");
    assertThat(last.toJson(value)).isEqualTo("{\"id\":7,\"s\":\"x\",\"shared\":{\"id\":8}}");
  }

  // ---------------------------------------------------------------------------------------------

  /** Compiles leniently and checks the processors did not crash. */
  private static Compilation compile(JavaFileObject... sources) {
    return checked(Javac.lenientCompiler(), sources);
  }

  /** Compiles with -Werror (generated code must be warning-free) and checks for crashes. */
  private static Compilation compileStrict(JavaFileObject... sources) {
    return checked(Javac.compiler(), sources);
  }

  private static Compilation checked(Compiler compiler, JavaFileObject... sources) {
    Compilation c;
    try {
      c = compiler.compile(sources);
    } catch (RuntimeException e) {
      // compile-testing rethrows what escaped a processor
      throw new AssertionError("a processor threw", e);
    }
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String m = d.getMessage(Locale.ROOT);
      assertThat(m).as("processor bug reported: %s", d).doesNotContain("SSE900");
      assertThat(m).as("%s", d).doesNotContainIgnoringCase("threw an uncaught exception");
    }
    Catalogue.assertEveryMessageIsCatalogued(c);
    return c;
  }

  private static List<String> messages(Compilation c) {
    List<String> messages = new ArrayList<>();
    c.errors().forEach(e -> messages.add(e.getMessage(Locale.ROOT)));
    return messages;
  }

  /** The catalogue ids of the errors. */
  private static List<String> ids(Compilation c) {
    List<String> ids = new ArrayList<>();
    for (String m : messages(c)) {
      if (m.startsWith("[SSE")) {
        ids.add(m.substring(1, 7));
      }
    }
    return ids;
  }

  /** Line number to catalogue ids of errors reported there. */
  private static Map<Long, List<String>> idsByLine(Compilation c) {
    Map<Long, List<String>> byLine = new TreeMap<>();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      String m = d.getMessage(Locale.ROOT);
      if (m.startsWith("[SSE")) {
        byLine.computeIfAbsent(d.getLineNumber(), k -> new ArrayList<>()).add(m.substring(1, 7));
      }
    }
    return byLine;
  }

  /** Line number to the ids named in that line's {@code // SSExxx} marker comment. */
  private static Map<Long, List<String>> expectedByLine(List<JavaFileObject> sources) {
    Map<Long, List<String>> byLine = new TreeMap<>();
    for (JavaFileObject source : sources) {
      String[] lines;
      try {
        lines = source.getCharContent(true).toString().split("\n", -1);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      for (int i = 0; i < lines.length; i++) {
        int marker = lines[i].indexOf("// SSE");
        if (marker >= 0) {
          for (String id : lines[i].substring(marker + 3).trim().split(" ")) {
            byLine.computeIfAbsent((long) i + 1, k -> new ArrayList<>()).add(id);
          }
        }
      }
    }
    return byLine;
  }

  @SuppressWarnings("unchecked")
  private static SseCodec<Object> codec(Compilation c, String name) throws Exception {
    return (SseCodec<Object>)
        new GeneratedClasses(c).loadClass(name).getConstructor().newInstance();
  }

  private static Throwable catching(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** {@code s} as the inside of a Java string literal. */
  private static String javaEscape(String s) {
    StringBuilder out = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch == '\\') {
        out.append("\\\\");
      } else if (ch == '"') {
        out.append("\\\"");
      } else if (ch == '\n') {
        out.append("\\n"); // a unicode escape would end the line before lexing
      } else if (ch == '\r') {
        out.append("\\r");
      } else if (ch < 0x20 || ch > 0x7E) {
        out.append(String.format("\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
