package dev.ssekit.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.ssekit.processor.internal.emit.CodecEmitter;
import dev.ssekit.processor.internal.model.EventModel;
import dev.ssekit.processor.internal.model.Site;
import dev.ssekit.processor.internal.read.ModelReader;
import dev.ssekit.processor.internal.validate.Diagnostic;
import dev.ssekit.processor.internal.validate.ModelValidator;
import dev.ssekit.processor.internal.validate.Reporter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;

/**
 * Generates a reflection-free {@code SseCodec} for every {@code @SseEvent} class, named {@code
 * Event_SseCodec} in the event's package. Each file is derived from its event class alone (and
 * the types it reaches), so the processor is isolating in Gradle's sense.
 *
 * <p>Problems are reported as compile errors on the offending element, all of them in one build;
 * no code is generated for an event with problems.
 */
@AutoService(Processor.class)
public final class SseCodecProcessor extends AbstractProcessor {
  static final String SSE_EVENT = "dev.ssekit.core.SseEvent";
  private static final String GENERATED = "javax.annotation.processing.Generated";

  private final Consumer<TypeElement> beforeEach;
  private final Set<String> deferred = new LinkedHashSet<>();
  private ModelReader reader;
  private ModelValidator validator;
  private Reporter reporter;
  private CodecEmitter emitter;

  /** The processor; javac's {@link java.util.ServiceLoader} calls this. */
  public SseCodecProcessor() {
    this(type -> {});
  }

  /** A processor that runs {@code beforeEach} on every event first (tests provoke bugs with it). */
  SseCodecProcessor(Consumer<TypeElement> beforeEach) {
    this.beforeEach = beforeEach;
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    reader = new ModelReader(env.getElementUtils(), env.getTypeUtils());
    reporter = new Reporter(env.getMessager());
    validator = new ModelValidator(reporter);
    boolean generatedAvailable = env.getElementUtils().getTypeElement(GENERATED) != null;
    emitter = new CodecEmitter(generatedAvailable ? GENERATED : null, getClass().getName());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(SSE_EVENT);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    List<TypeElement> events = new ArrayList<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        events.add(type);
      }
    }
    deferred.clear();
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(SSE_EVENT);
    if (annotation != null) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (element instanceof TypeElement) {
          events.add((TypeElement) element);
        }
      }
    }
    for (TypeElement event : events) {
      try {
        beforeEach.accept(event);
        process(event, round.processingOver());
      } catch (RuntimeException | LinkageError | AssertionError e) {
        reporter.bug(event, e);
      }
    }
    // Not claimed: SseServicesProcessor registers the same classes.
    return false;
  }

  private void process(TypeElement event, boolean lastRound) {
    EventModel model = reader.readEvent(event);
    if (ModelValidator.hasUnresolvedTypes(model) && !lastRound) {
      // Another processor may generate the missing type in this round; look again in the next.
      deferred.add(event.getQualifiedName().toString());
      return;
    }
    if (!validator.validate(model)) {
      return;
    }
    JavaFile file = emitter.emit(model);
    String name = model.codecName().qualifiedName();
    try {
      JavaFileObject source = processingEnv.getFiler().createSourceFile(name, event);
      try (Writer writer = source.openWriter()) {
        file.writeTo(writer);
      }
    } catch (IOException e) {
      reporter.error(Site.of(event), Diagnostic.SOURCE_NOT_WRITTEN, name, e);
    }
  }
}
