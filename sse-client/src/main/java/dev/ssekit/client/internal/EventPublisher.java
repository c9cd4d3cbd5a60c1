package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException;
import dev.ssekit.core.ServerSentEvent;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * A cold publisher: every subscriber gets its own stream, opened on subscribe and closed on cancel.
 * Events are delivered only against demand; without demand, no more bytes are requested from the
 * HTTP body, so the server is held back by TCP flow control.
 *
 * @param <R> what subscribers receive for an event
 */
public final class EventPublisher<R> implements Flow.Publisher<R> {
  private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());

  private final ClientConfig config;
  private final BiFunction<ServerSentEvent, String, R> convert;

  /**
   * A publisher of streams configured by {@code config}, each event converted, with the last event
   * ID at dispatch, by {@code convert}: {@code null} skips the event; an {@link
   * EventSourceException} it throws fails the subscription.
   */
  public EventPublisher(ClientConfig config, BiFunction<ServerSentEvent, String, R> convert) {
    this.config = config;
    this.convert = convert;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super R> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    StreamSubscription s = new StreamSubscription(subscriber);
    s.start();
  }

  private final class StreamSubscription extends Outbox implements Flow.Subscription {
    private final Flow.Subscriber<? super R> subscriber;
    private final StreamEngine engine;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean done;
    // A request(n <= 0), to be signalled by the drain loop: never beside an onNext in progress.
    private volatile IllegalArgumentException badRequest;

    StreamSubscription(Flow.Subscriber<? super R> subscriber) {
      this.subscriber = subscriber;
      this.engine = new StreamEngine(config, this);
    }

    void start() {
      subscriber.onSubscribe(this);
      engine.start();
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        if (badRequest == null) {
          badRequest =
              new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams 3.9): " + n);
        }
        engine.close();
        signalAvailable();
        return;
      }
      long prev;
      long next;
      do {
        prev = demand.get();
        next = prev + n < 0 ? Long.MAX_VALUE : prev + n;
      } while (!demand.compareAndSet(prev, next));
      signalAvailable();
    }

    @Override
    public void cancel() {
      done = true;
      engine.close();
    }

    @Override
    protected void signalAvailable() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      while (true) {
        drainOnce();
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    private void drainOnce() {
      while (!done) {
        IllegalArgumentException bad = badRequest;
        if (bad != null) {
          done = true;
          subscriber.onError(bad);
          return;
        }
        Signal head = peek();
        if (head == null) {
          return;
        }
        if (head.kind() == Signal.Kind.EVENT && demand.get() == 0) {
          return;
        }
        Signal s = take();
        switch (s.kind()) {
          case EVENT:
            R item;
            try {
              item = convert.apply(s.event(), s.lastEventId());
            } catch (EventSourceException e) {
              done = true;
              engine.close();
              subscriber.onError(e);
              return;
            }
            if (item == null) {
              break;
            }
            demand.decrementAndGet();
            try {
              subscriber.onNext(item);
            } catch (RuntimeException e) {
              // Reactive Streams 2.13: a throwing subscriber is treated as having cancelled.
              done = true;
              engine.close();
              LOG.log(System.Logger.Level.WARNING, "Flow subscriber threw; stream cancelled", e);
            }
            break;
          case ERROR:
            if (!s.error().willReconnect()) {
              done = true;
              if (s.error().reason() == EventSourceException.Reason.NO_CONTENT) {
                subscriber.onComplete(); // the server's "stop" is a clean end
              } else {
                subscriber.onError(s.error());
              }
            }
            break;
          case CLOSED:
            done = true;
            subscriber.onComplete();
            break;
          default:
            break;
        }
      }
    }
  }
}
