package dev.ssekit.processor;

import com.google.auto.service.AutoService;
import dev.ssekit.processor.internal.model.EventHeader;
import dev.ssekit.processor.internal.read.ModelReader;
import dev.ssekit.processor.internal.validate.Diagnostic;
import dev.ssekit.processor.internal.validate.ModelValidator;
import dev.ssekit.processor.internal.validate.Reporter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Lists every generated codec in {@code META-INF/services/dev.ssekit.core.SseCodec}, so that {@code
 * CodecRegistry} finds them with {@link java.util.ServiceLoader}, and checks that no two events in
 * the compilation share a name. The file is written once, in the last round, merged with entries an
 * earlier (incremental) build left in the class output; it depends on all event classes, so the
 * processor is aggregating in Gradle's sense.
 */
@AutoService(Processor.class)
public final class SseServicesProcessor extends AbstractProcessor {
  /** Where the codecs are listed. */
  static final String SERVICES_FILE = "META-INF/services/dev.ssekit.core.SseCodec";

  private final Map<String, TypeElement> codecs = new LinkedHashMap<>();
  private final List<EventHeader> headers = new ArrayList<>();
  private ModelReader reader;
  private Reporter reporter;

  /** The processor; javac's {@link java.util.ServiceLoader} calls this. */
  public SseServicesProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    reader = new ModelReader(env.getElementUtils(), env.getTypeUtils());
    reporter = new Reporter(env.getMessager());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(SseCodecProcessor.SSE_EVENT);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver()) {
      finish();
      return false;
    }
    TypeElement annotation =
        processingEnv.getElementUtils().getTypeElement(SseCodecProcessor.SSE_EVENT);
    if (annotation == null) {
      return false;
    }
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      if (!(element instanceof TypeElement)) {
        continue;
      }
      try {
        EventHeader header = reader.readHeader((TypeElement) element);
        headers.add(header);
        codecs.put(header.codecName().qualifiedName(), (TypeElement) element);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        reporter.bug(element, e);
      }
    }
    return false;
  }

  private void finish() {
    try {
      new ModelValidator(reporter).checkUniqueNames(headers);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      reporter.bug(headers.get(0).nameSite().element(), e);
    }
    if (codecs.isEmpty()) {
      return;
    }
    Filer filer = processingEnv.getFiler();
    Set<String> entries = new TreeSet<>(codecs.keySet());
    try {
      entries.addAll(readExisting(filer));
      FileObject file =
          filer.createResource(
              StandardLocation.CLASS_OUTPUT,
              "",
              SERVICES_FILE,
              codecs.values().toArray(new Element[0]));
      try (OutputStream out = file.openOutputStream();
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        for (String entry : entries) {
          writer.write(entry);
          writer.write('\n');
        }
      }
    } catch (IOException e) {
      reporter.error(Diagnostic.SERVICES_NOT_WRITTEN, SERVICES_FILE, e);
    }
  }

  /** The codecs an earlier build listed, so that an incremental build keeps them. */
  private static Set<String> readExisting(Filer filer) throws IOException {
    Set<String> existing = new TreeSet<>();
    FileObject file;
    try {
      file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", SERVICES_FILE);
    } catch (IOException | IllegalArgumentException e) {
      return existing; // no earlier build, or a file manager that cannot tell: nothing to merge
    }
    try (InputStream in = file.openInputStream();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int comment = line.indexOf('#');
        String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (!entry.isEmpty()) {
          existing.add(entry);
        }
      }
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      // Not there: a clean build.
    }
    return existing;
  }
}
