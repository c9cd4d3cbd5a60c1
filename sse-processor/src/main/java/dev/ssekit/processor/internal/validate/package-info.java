/**
 * Checks the model and reports every problem on its element, with an id from the one message
 * catalogue ({@link dev.ssekit.processor.internal.validate.Diagnostic}).
 */
package dev.ssekit.processor.internal.validate;
