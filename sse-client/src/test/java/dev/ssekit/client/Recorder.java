package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.ServerSentEvent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what an {@link EventSource} reports, for tests to wait on. */
final class Recorder {
  final BlockingQueue<ServerSentEvent> events = new LinkedBlockingQueue<>();
  final BlockingQueue<EventSourceException> errors = new LinkedBlockingQueue<>();
  final List<HttpResponse.ResponseInfo> opens = new CopyOnWriteArrayList<>();
  final CountDownLatch closed = new CountDownLatch(1);
  final AtomicInteger closeCalls = new AtomicInteger();

  /** Registers for {@code message} and the given event types, errors, opens and close. */
  EventSource attach(EventSource source, String... types) {
    source.onMessage(events::add);
    for (String t : types) {
      source.on(t, events::add);
    }
    source.onError(errors::add);
    source.onOpen(opens::add);
    source.onClose(
        () -> {
          closeCalls.incrementAndGet();
          closed.countDown();
        });
    return source;
  }

  ServerSentEvent nextEvent() throws InterruptedException {
    ServerSentEvent e = events.poll(10, TimeUnit.SECONDS);
    assertThat(e).as("an event within 10 s").isNotNull();
    return e;
  }

  EventSourceException nextError() throws InterruptedException {
    EventSourceException e = errors.poll(10, TimeUnit.SECONDS);
    assertThat(e).as("an error within 10 s").isNotNull();
    return e;
  }

  void awaitClosed() throws InterruptedException {
    assertThat(closed.await(10, TimeUnit.SECONDS)).as("closed within 10 s").isTrue();
  }
}
