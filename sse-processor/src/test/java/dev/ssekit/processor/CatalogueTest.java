package dev.ssekit.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.ssekit.processor.internal.validate.Diagnostic;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The check that DiagnosticsTest and HostileSourcesTest apply to every compilation: it tells a
 * catalogue entry from text written anywhere else, and leaves javac's own diagnostics alone.
 */
class CatalogueTest {
  private static final JavaFileObject SOURCE =
      Javac.source("c.Plain", "package c;", "public class Plain {}");

  @Test
  void aMessageWrittenOutsideTheCatalogueFails() {
    Compilation c = Compiler.javac().withProcessors(printing("the type is wrong")).compile(SOURCE);

    assertThat(c.errors()).hasSize(1);
    assertThatThrownBy(() -> Catalogue.assertEveryMessageIsCatalogued(c))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the type is wrong");
  }

  @Test
  void anIdBeforeOtherWordsIsNotEnough() {
    Compilation c =
        Compiler.javac()
            .withProcessors(printing("[SSE200] property 'a' is not quite right"))
            .compile(SOURCE);

    assertThatThrownBy(() -> Catalogue.assertEveryMessageIsCatalogued(c))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void anEntryWithItsArgumentsPasses() {
    Compilation c =
        Compiler.javac()
            .withProcessors(printing(Diagnostic.NO_USABLE_CONSTRUCTOR.format("a.B", "any reason")))
            .compile(SOURCE);

    assertThat(c.errors()).hasSize(1);
    Catalogue.assertEveryMessageIsCatalogued(c);
  }

  @Test
  void javacsOwnErrorsAreNotTheCataloguesBusiness() {
    Compilation c =
        Compiler.javac().compile(Javac.source("c.Broken", "package c;", "class Broken { int }"));

    assertThat(c.errors()).isNotEmpty();
    Catalogue.assertEveryMessageIsCatalogued(c);
  }

  /** A processor that prints {@code message} as an error once, as ssekit's would. */
  private static AbstractProcessor printing(String message) {
    return new AbstractProcessor() {
      private boolean printed;

      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
      }

      @Override
      public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!printed) {
          printed = true;
          processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR, message);
        }
        return false;
      }
    };
  }
}
