package dev.ssekit.samples.docs.hub;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test opened (hubs, servers), the last opened first, after each test:
 * {@code @RegisterExtension final Closer closer = new Closer();} then {@code closer.add(hub)}.
 */
public final class Closer implements AfterEachCallback {
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  /** Closes {@code resource} after the test, before whatever was added earlier; returns it. */
  public <T extends AutoCloseable> T add(T resource) {
    opened.push(resource);
    return resource;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Exception failure = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
