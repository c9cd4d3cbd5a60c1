/** Turns a validated model into Java source with JavaPoet; never reads {@code javax.lang.model}. */
package dev.ssekit.processor.internal.emit;
