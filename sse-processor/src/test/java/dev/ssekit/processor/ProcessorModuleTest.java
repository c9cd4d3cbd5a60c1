package dev.ssekit.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import dev.ssekit.core.SseCodec;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processors work from the processor module path, where javac reads the module descriptor and
 * finds them as its services, and from the plain processor path, where it ignores it.
 */
class ProcessorModuleTest {
  private static final String PROCESSOR = "javax.annotation.processing.Processor";
  private static final String PROCESSORS = Javac.classpathEntry(SseCodecProcessor.class).getPath();
  private static final String JAVAPOET = Javac.classpathEntry(JavaFile.class).getPath();
  private static final String CORE = Javac.classpathEntry(SseCodec.class).getPath();

  @TempDir Path dir;

  @Test
  void theModuleNeedsOnlyJavaPoetAndExportsNothing() {
    ModuleReference module =
        ModuleFinder.of(Path.of(PROCESSORS)).find("dev.ssekit.processor").orElseThrow();
    ModuleDescriptor descriptor = module.descriptor();

    assertThat(descriptor.isAutomatic()).isFalse();
    assertThat(descriptor.exports()).isEmpty();
    assertThat(descriptor.requires())
        .filteredOn(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "java.compiler", "com.palantir.javapoet");
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(p -> assertThat(p.service()).isEqualTo(PROCESSOR))
        .satisfies(
            p ->
                assertThat(p.providers())
                    .containsExactly(
                        SseCodecProcessor.class.getName(), SseServicesProcessor.class.getName()));
  }

  @Test
  void javacFindsBothProcessorsOnTheProcessorModulePath() throws IOException {
    assertGeneratesCodecAndServiceFile(
        List.of("--processor-module-path", PROCESSORS + File.pathSeparator + JAVAPOET));
  }

  @Test
  void javacRunsTheNamedProcessorsFromTheProcessorModulePath() throws IOException {
    assertGeneratesCodecAndServiceFile(
        List.of(
            "--processor-module-path",
            PROCESSORS + File.pathSeparator + JAVAPOET,
            "-processor",
            SseCodecProcessor.class.getName() + "," + SseServicesProcessor.class.getName()));
  }

  @Test
  void javacFindsBothProcessorsOnTheProcessorPath() throws IOException {
    assertGeneratesCodecAndServiceFile(
        List.of("-processorpath", PROCESSORS + File.pathSeparator + JAVAPOET));
  }

  /** Compiles one event with {@code processorOptions} and checks what the processors wrote. */
  private void assertGeneratesCodecAndServiceFile(List<String> processorOptions)
      throws IOException {
    Path source = dir.resolve("src/m/Ping.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        "package m;\n@dev.ssekit.core.SseEvent(name = \"ping\")\npublic record Ping(long at) {}\n");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    List<String> options = new ArrayList<>(processorOptions);
    options.addAll(
        List.of(
            "-classpath",
            CORE,
            "-d",
            classes.toString(),
            "-s",
            generated.toString(),
            source.toString()));
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(null, output, output, options.toArray(new String[0]));

    assertThat(status).as("javac %s\n%s", options, output).isZero();
    assertThat(generated.resolve("m/Ping_SseCodec.java")).exists();
    assertThat(classes.resolve("m/Ping_SseCodec.class")).exists();
    Path services = classes.resolve("META-INF/services/dev.ssekit.core.SseCodec");
    assertThat(Files.readAllLines(services, StandardCharsets.UTF_8))
        .containsExactly("m.Ping_SseCodec");
  }
}
