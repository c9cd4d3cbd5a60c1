package dev.ssekit.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.ssekit.core.SseCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import javax.lang.model.SourceVersion;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processors write besides codec logic: names, annotations, registrations. */
class ProcessorOutputTest {
  private static final JavaFileObject NESTED_EVENT =
      Javac.source(
          "x.Outer",
          "package x;",
          "import dev.ssekit.core.*;",
          "public class Outer {",
          "  @SseEvent(name = \"inner\") public record Inner(String a) {}",
          "}");
  private static final JavaFileObject PING =
      Javac.source(
          "x.Ping",
          "package x;",
          "@dev.ssekit.core.SseEvent(name = \"ping\")",
          "public record Ping(String time, long seq) {}");

  @Test
  void oneGeneratedCodecFilePerEventNamedAfterItsNesting() {
    Compilation compilation = Javac.compile(NESTED_EVENT, PING);
    Javac.assertSucceeded(compilation);
    String inner = Javac.generatedSource(compilation, "x.Outer_Inner_SseCodec");
    assertThat(inner)
        .contains("@Generated(\"dev.ssekit.processor.SseCodecProcessor\")")
        .contains("import javax.annotation.processing.Generated;")
        .contains("public final class Outer_Inner_SseCodec implements SseCodec<Outer.Inner>")
        .contains("public static final Outer_Inner_SseCodec INSTANCE = new Outer_Inner_SseCodec()")
        .contains("public Outer_Inner_SseCodec() {")
        .doesNotContain("java.lang.reflect")
        .doesNotContain("forName")
        .doesNotContain("getDeclared");
    assertThat(Javac.generatedSource(compilation, "x.Ping_SseCodec"))
        .contains("private static final JsonName NAME_TIME = JsonName.of(\"time\");")
        .contains("private static final JsonNames NAMES = JsonNames.of(\"time\", \"seq\");")
        .contains("switch (in.nextName(NAMES)) {")
        .contains("out.value(value.seq());");
    assertThat(compilation.generatedSourceFiles()).hasSize(2);
  }

  @Test
  void servicesFileListsEveryCodecSorted() throws IOException {
    Compilation compilation = Javac.compile(PING, NESTED_EVENT);
    Javac.assertSucceeded(compilation);
    JavaFileObject services =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, SseServicesProcessor.SERVICES_FILE)
            .orElseThrow();
    assertThat(services.getCharContent(true).toString())
        .isEqualTo("x.Outer_Inner_SseCodec\nx.Ping_SseCodec\n");
  }

  @Test
  void servicesFileKeepsCodecsOfAnEarlierIncrementalBuild(@TempDir Path out) throws IOException {
    compileInto(out, PING);
    compileInto(out, NESTED_EVENT); // an incremental build that recompiles only Outer
    assertThat(Files.readString(out.resolve(SseServicesProcessor.SERVICES_FILE)))
        .isEqualTo("x.Outer_Inner_SseCodec\nx.Ping_SseCodec\n");
  }

  private static void compileInto(Path out, JavaFileObject source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(out));
      files.setLocationFromPaths(
          StandardLocation.CLASS_PATH,
          List.of(Javac.classpathEntry(SseCodec.class).toPath(), out));
      JavaCompiler.CompilationTask task =
          javac.getTask(null, files, diagnostics, List.of("-Xlint:none"),
              null, List.of(source));
      task.setProcessors(List.of(new SseCodecProcessor(), new SseServicesProcessor()));
      assertThat(task.call()).as("%s", diagnostics.getDiagnostics()).isTrue();
    }
  }

  @Test
  void processorsDeclareTheirGradleIncrementalKinds() throws IOException {
    assertThat(resource("META-INF/gradle/incremental.annotation.processors"))
        .isEqualTo(
            "dev.ssekit.processor.SseCodecProcessor,isolating\n"
                + "dev.ssekit.processor.SseServicesProcessor,aggregating\n");
    assertThat(resource("META-INF/services/javax.annotation.processing.Processor"))
        .contains("dev.ssekit.processor.SseCodecProcessor")
        .contains("dev.ssekit.processor.SseServicesProcessor");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SseCodecProcessor.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void codecsOfTheFixturesAreFoundByServiceLoader() {
    List<String> names = new ArrayList<>();
    for (SseCodec<?> codec : ServiceLoader.load(SseCodec.class)) {
      names.add(codec.eventName() + "=" + codec.type().getSimpleName());
    }
    assertThat(names)
        .contains(
            "ping=Ping", "scalars=Scalars", "containers=Containers", "bean=BeanEvent",
            "fields=FieldsEvent", "immutable=ImmutableEvent", "outer.inner=Inner");
  }

  @Test
  void supportsTheLatestSourceVersionAndOnlySseEvent() {
    for (javax.annotation.processing.Processor p :
        List.of(new SseCodecProcessor(), new SseServicesProcessor())) {
      assertThat(p.getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
      assertThat(p.getSupportedAnnotationTypes()).containsExactly("dev.ssekit.core.SseEvent");
    }
  }

  @Test
  void aProcessorBugIsAnErrorOnTheElementAndOtherEventsAreStillProcessed() {
    Compilation compilation =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(
                new SseCodecProcessor(
                    type -> {
                      if (type.getSimpleName().contentEquals("Ping")) {
                        throw new IllegalStateException("provoked");
                      }
                    }),
                new SseServicesProcessor())
            .withClasspath(List.of(Javac.classpathEntry(SseCodec.class)))
            .compile(PING, NESTED_EVENT);
    assertThat(Javac.errors(compilation))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .startsWith(
                        "3: [SSE900] ssekit processor bug, please report:"
                            + " java.lang.IllegalStateException: provoked")
                    .contains("at dev.ssekit.processor"));
    assertThat(compilation.errors().get(0).getSource().getName()).isEqualTo("x/Ping.java");
  }

  @Test
  void codecsOfPackagePrivateTypesCompileAndRoundTripWhenLoaded() throws Exception {
    Compilation compilation =
        Javac.compile(
            Javac.source(
                "q.Secret",
                "package q;",
                "import dev.ssekit.core.*;",
                "import java.util.*;",
                "@SseEvent(name = \"secret\")",
                "record Secret(@SseId int id, List<Part> parts, Kind kind) {",
                "  enum Kind { A, B }",
                "}"),
            Javac.source(
                "q.Part",
                "package q;",
                "import java.util.*;",
                "class Part {",
                "  String name;",
                "  Optional<Part> next = Optional.empty();",
                "  @Override public boolean equals(Object o) {",
                "    return o instanceof Part && Objects.equals(name, ((Part) o).name)",
                "        && next.equals(((Part) o).next);",
                "  }",
                "  @Override public int hashCode() { return Objects.hash(name, next); }",
                "}"),
            Javac.source(
                "q.Check",
                "package q;",
                "import dev.ssekit.core.*;",
                "import dev.ssekit.core.json.*;",
                "import java.util.*;",
                "public class Check implements java.util.function.Supplier<String> {",
                "  @Override public String get() {",
                "    Part inner = new Part(); inner.name = \"inner\";",
                "    Part outer = new Part(); outer.name = \"outer\";",
                "    outer.next = Optional.of(inner);",
                "    Secret s = new Secret(5, List.of(outer), Secret.Kind.B);",
                "    JsonWriter out = new JsonWriter();",
                "    Secret_SseCodec.INSTANCE.write(out, s);",
                "    byte[] json = out.toByteArray();",
                "    Secret back = Secret_SseCodec.INSTANCE.read(new JsonReader(json));",
                "    return back.equals(s) + \" \" + Secret_SseCodec.INSTANCE.id(s) + \" \"",
                "        + new String(json, java.nio.charset.StandardCharsets.UTF_8);",
                "  }",
                "}"));
    Javac.assertSucceeded(compilation);
    @SuppressWarnings("unchecked")
    Supplier<String> check =
        (Supplier<String>)
            new GeneratedClasses(compilation).loadClass("q.Check").getConstructor().newInstance();
    assertThat(check.get())
        .isEqualTo(
            "true 5 {\"id\":5,\"parts\":[{\"name\":\"outer\",\"next\":{\"name\":\"inner\"}}],"
                + "\"kind\":\"B\"}");
  }
}
