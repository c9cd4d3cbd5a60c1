package dev.ssekit.apibaseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.CodecRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void aModuleWithoutADescriptorOffersItsPackagesThatAreNotInternal(@TempDir Path dir)
      throws Exception {
    // Every library module has a descriptor now; a jar of a future one may come without.
    Path jar = dir.resolve("plain.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Automatic-Module-Name", "demo.plain");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      for (String entry : List.of("demo/Api.class", "demo/internal/Hidden.class")) {
        out.putNextEntry(new JarEntry(entry));
        out.closeEntry();
      }
    }

    LibraryModule plain = LibraryModule.read(jar);

    assertThat(plain.moduleName()).isEqualTo("demo.plain");
    assertThat(plain.descriptor()).isNull();
    assertThat(plain.exportedPackages()).containsExactly("demo");
    assertThat(plain.classNames()).containsExactly("demo.Api");
  }

  private static Path locationOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
