package dev.ssekit.apibaseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.processor.SseCodecProcessor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LibraryModuleTest {

  @Test
  void aModuleWithADescriptorOffersOnlyItsUnqualifiedExports() throws Exception {
    // sse-core exports dev.ssekit.core.internal to the client and JAX-RS modules only.
    LibraryModule core = LibraryModule.read(locationOf(CodecRegistry.class));

    assertThat(core.moduleName()).isEqualTo("dev.ssekit.core");
    assertThat(core.descriptor()).isNotNull();
    assertThat(core.exportedPackages()).contains("dev.ssekit.core", "dev.ssekit.core.json");
    assertThat(core.exportedPackages()).noneMatch(p -> p.contains("internal"));
    assertThat(core.classNames())
        .contains("dev.ssekit.core.CodecRegistry", "dev.ssekit.core.CodecRegistry$Builder")
        .noneMatch(n -> n.contains(".internal."));
  }

  @Test
  void aModuleWithoutADescriptorOffersItsPackagesThatAreNotInternal() throws Exception {
    LibraryModule processor = LibraryModule.read(locationOf(SseCodecProcessor.class));

    assertThat(processor.descriptor()).isNull();
    assertThat(processor.exportedPackages())
        .contains("dev.ssekit.processor")
        .noneMatch(p -> p.contains("internal"));
    assertThat(processor.classNames()).contains(SseCodecProcessor.class.getName());
  }

  private static Path locationOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
