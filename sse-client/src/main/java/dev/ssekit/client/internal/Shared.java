package dev.ssekit.client.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What all streams in a JVM share: one timer thread for reconnect delays and idle checks, and the
 * {@link DefaultClients default HttpClients} (each HttpClient has its own selector thread, so one
 * per stream would not scale).
 */
public final class Shared {
  private Shared() {}

  private static final class TimerHolder {
    static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private static ScheduledThreadPoolExecutor createTimer() {
      ScheduledThreadPoolExecutor t =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread th = new Thread(r, "ssekit-client-timer");
                th.setDaemon(true);
                return th;
              });
      // Idle timers are cancelled and re-armed constantly; keep the queue small.
      t.setRemoveOnCancelPolicy(true);
      // Once nothing is scheduled the thread ends, so that a program (or a web application being
      // undeployed) whose sources are all closed holds no thread of ours.
      t.setKeepAliveTime(1, TimeUnit.SECONDS);
      t.allowCoreThreadTimeOut(true);
      return t;
    }
  }

  private static final Map<Duration, DefaultClients> CLIENTS = new ConcurrentHashMap<>();

  /** The shared daemon timer. Tasks scheduled on it must be short and never block. */
  public static ScheduledThreadPoolExecutor timer() {
    return TimerHolder.TIMER;
  }

  /**
   * The default HttpClients for a connect timeout: redirects followed ({@code NORMAL}), otherwise
   * JDK defaults. One list per distinct timeout, shared by every source that uses it (a connect
   * timeout is a setting of the client, not of a request); it holds one client until HTTP/2 streams
   * overflow it.
   */
  public static DefaultClients defaultClients(Duration connectTimeout) {
    return CLIENTS.computeIfAbsent(connectTimeout, DefaultClients::new);
  }
}
