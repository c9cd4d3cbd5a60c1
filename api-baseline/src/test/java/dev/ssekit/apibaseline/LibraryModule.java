package dev.ssekit.apibaseline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * What one library artifact (its jar, or its classes directory) offers as public API: the packages
 * its module descriptor exports to everyone, or, for an artifact without a descriptor, every
 * package that is not {@code internal}; and the classes in those packages.
 *
 * @param moduleName the module's name, from its descriptor or its {@code Automatic-Module-Name};
 *     {@code null} when it has neither
 * @param descriptor the module descriptor, or {@code null} for an artifact without one
 * @param exportedPackages the API packages, sorted
 * @param classNames the binary names of the classes in those packages, sorted
 */
record LibraryModule(
    String moduleName,
    ModuleDescriptor descriptor,
    List<String> exportedPackages,
    List<String> classNames) {

  private static final String MODULE_INFO = "module-info.class";

  /**
   * Reads the artifact at {@code location}, a jar or a classes directory.
   *
   * @throws UncheckedIOException if it cannot be read
   */
  static LibraryModule read(Path location) {
    try {
      if (Files.isDirectory(location)) {
        List<String> entries;
        try (Stream<Path> files = Files.walk(location)) {
          entries =
              files
                  .filter(Files::isRegularFile)
                  .map(p -> location.relativize(p).toString().replace('\\', '/'))
                  .toList();
        }
        // A classes directory has no manifest, so an automatic module is nameless here.
        return of(directoryDescriptor(location), null, entries);
      }
      try (JarFile jar = new JarFile(location.toFile())) {
        List<String> entries = jar.stream().map(e -> e.getName()).toList();
        return of(jarDescriptor(jar), automaticName(jar), entries);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + location, e);
    }
  }

  /**
   * The module name of the jar or classes directory at {@code location}, without listing its
   * classes; {@code null} when it has no descriptor and no {@code Automatic-Module-Name}.
   *
   * @throws UncheckedIOException if it cannot be read
   */
  static String nameOf(Path location) {
    try {
      if (Files.isDirectory(location)) {
        ModuleDescriptor d = directoryDescriptor(location);
        return d == null ? null : d.name();
      }
      if (!Files.isRegularFile(location)) {
        return null;
      }
      try (JarFile jar = new JarFile(location.toFile())) {
        ModuleDescriptor d = jarDescriptor(jar);
        return d != null ? d.name() : automaticName(jar);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + location, e);
    }
  }

  private static ModuleDescriptor directoryDescriptor(Path dir) throws IOException {
    Path moduleInfo = dir.resolve(MODULE_INFO);
    if (!Files.exists(moduleInfo)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(moduleInfo)) {
      return ModuleDescriptor.read(in);
    }
  }

  private static ModuleDescriptor jarDescriptor(JarFile jar) throws IOException {
    var entry = jar.getJarEntry(MODULE_INFO);
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return ModuleDescriptor.read(in);
    }
  }

  private static String automaticName(JarFile jar) throws IOException {
    Manifest manifest = jar.getManifest();
    return manifest == null ? null : manifest.getMainAttributes().getValue("Automatic-Module-Name");
  }

  private static LibraryModule of(
      ModuleDescriptor descriptor, String automaticName, List<String> entries) {
    List<String> classNames = new ArrayList<>();
    for (String entry : entries) {
      // Multi-release variants and module-info/package-info carry no types of their own.
      if (entry.endsWith(".class")
          && !entry.startsWith("META-INF/")
          && !entry.endsWith("module-info.class")
          && !entry.endsWith("package-info.class")) {
        classNames.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
      }
    }
    TreeSet<String> exported = new TreeSet<>();
    if (descriptor != null) {
      // A qualified export is a door between our own modules, not API.
      descriptor.exports().stream()
          .filter(e -> !e.isQualified())
          .forEach(e -> exported.add(e.source()));
    } else {
      for (String name : classNames) {
        String pkg = packageOf(name);
        if (!isInternal(pkg)) {
          exported.add(pkg);
        }
      }
    }
    List<String> apiClasses =
        classNames.stream().filter(n -> exported.contains(packageOf(n))).sorted().toList();
    String moduleName = descriptor != null ? descriptor.name() : automaticName;
    return new LibraryModule(moduleName, descriptor, List.copyOf(exported), apiClasses);
  }

  private static String packageOf(String binaryName) {
    int dot = binaryName.lastIndexOf('.');
    return dot < 0 ? "" : binaryName.substring(0, dot);
  }

  private static boolean isInternal(String pkg) {
    return pkg.equals("internal") || pkg.endsWith(".internal") || pkg.contains(".internal.");
  }
}
