/**
 * The ssekit annotation processors: a reflection-free codec for every {@code @SseEvent} class, and
 * the service file that lists them. They are used only at compile time, from the processor path
 * (where this descriptor is ignored) or from the processor module path (where it names what they
 * need); the module exports nothing.
 */
@SuppressWarnings("requires-automatic") // JavaPoet and auto-service name their modules in manifests
module dev.ssekit.processor {
  requires java.compiler;
  requires com.palantir.javapoet;
  requires static com.google.auto.service; // @AutoService is read at compile time only

  provides javax.annotation.processing.Processor with
      dev.ssekit.processor.SseCodecProcessor,
      dev.ssekit.processor.SseServicesProcessor;
}
