package dev.ssekit.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.ssekit.core.SseCodec;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Runs the real javac with both ssekit processors over sources given as text. */
final class Javac {
  private Javac() {}

  /** A source file; {@code name} is the qualified class name. */
  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  /** Compiles with the processors passed explicitly (as JDK 23+ requires) and sse-core. */
  static Compilation compile(JavaFileObject... sources) {
    return compiler().compile(sources);
  }

  /** Generated code must compile without a single warning. */
  static Compiler compiler() {
    return lenientCompiler().withOptions("-Xlint:all,-processing", "-Werror");
  }

  /** Without -Werror, for sources whose errors are the subject of the test. */
  static Compiler lenientCompiler() {
    return Compiler.javac()
        .withProcessors(new SseCodecProcessor(), new SseServicesProcessor())
        .withClasspath(List.of(classpathEntry(SseCodec.class)));
  }

  static File classpathEntry(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of a generated source file. */
  static String generatedSource(Compilation compilation, String qualifiedName) {
    JavaFileObject file =
        compilation
            .generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName
                + "\n" + compilation.diagnostics()));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The errors as "line: message" strings, for readable assertions. */
  static List<String> errors(Compilation compilation) {
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      errors.add(d.getLineNumber() + ": " + d.getMessage(null));
    }
    return errors;
  }

  static void assertSucceeded(Compilation compilation) {
    assertThat(compilation.status())
        .as("%s", compilation.diagnostics())
        .isEqualTo(Compilation.Status.SUCCESS);
  }
}
