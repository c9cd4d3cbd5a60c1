/**
 * The plain model of an event class and the types it reaches: what the reader finds, the
 * validator checks and the emitter turns into code. It knows neither JavaPoet nor how it was read;
 * {@link dev.ssekit.processor.internal.model.Site} only carries where to report a problem.
 */
package dev.ssekit.processor.internal.model;
