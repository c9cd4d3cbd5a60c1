/** Reads the user's types ({@code javax.lang.model}) into the plain model; reports nothing. */
package dev.ssekit.processor.internal.read;
