package dev.ssekit.benchmarks.fanout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load-client process of a fan-out run: N event-stream connections on raw non-blocking NIO
 * sockets, spread over a few selector threads, each byte scanned once by {@link StreamScanner}.
 * Raw NIO rather than the JDK HttpClient because it costs one read per batch of events and no
 * allocation per event, so the client stays far from being the bottleneck.
 *
 * <p>Usage: {@code LoadClient HOST PORT N EVENTS WARM PACED TIMEOUT_SECONDS [IO_THREADS]}. It
 * connects (at most 64 handshakes in flight per thread), prints {@code CONNECTED ok=… failed=…},
 * then waits until every connection has received EVENTS events (sequence numbers 1..EVENTS, of
 * which the first WARM are warm-up, the next PACED the paced phase and the rest the flat-out phase)
 * or TIMEOUT_SECONDS pass, prints one {@code RESULT key=value…} line and exits. It exits by itself
 * in every case.
 */
public final class LoadClient {
  private static final int MAX_PENDING_PER_THREAD = 64;
  private static final int PHASES = 3;

  private LoadClient() {}

  /** Runs one load and exits. */
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int n = Integer.parseInt(args[2]);
    long events = Long.parseLong(args[3]);
    long warm = Long.parseLong(args[4]);
    long paced = Long.parseLong(args[5]);
    long timeoutSeconds = Long.parseLong(args[6]);
    int ioThreads = args.length > 7 ? Integer.parseInt(args[7]) : 1;
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(timeoutSeconds + 120));
              } catch (InterruptedException e) {
                return;
              }
              System.out.println("RESULT error=watchdog");
              System.out.flush();
              Runtime.getRuntime().halt(3);
            });
    watchdog.setDaemon(true);
    watchdog.start();

    byte[] request =
        ("GET /events HTTP/1.1\r\nHost: "
                + host
                + ":"
                + port
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    InetSocketAddress target = new InetSocketAddress(host, port);
    AtomicLong received = new AtomicLong();
    List<IoThread> threads = new ArrayList<>();
    for (int t = 0; t < ioThreads; t++) {
      int share = n / ioThreads + (t < n % ioThreads ? 1 : 0);
      IoThread io = new IoThread(t, target, request, share, warm, paced, received);
      threads.add(io);
      io.start();
    }

    long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < connectDeadline && !threads.stream().allMatch(IoThread::settled)) {
      Thread.sleep(20);
    }
    int ok = threads.stream().mapToInt(io -> io.connected).sum();
    int failed = threads.stream().mapToInt(io -> io.failed).sum();
    System.out.println("CONNECTED ok=" + ok + " failed=" + failed);
    System.out.flush();

    long expected = (long) ok * events;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline
        && received.get() < expected
        && threads.stream().anyMatch(io -> io.open > 0)) {
      Thread.sleep(10);
    }
    boolean timedOut = received.get() < expected;
    for (IoThread io : threads) {
      io.halt();
    }
    for (IoThread io : threads) {
      io.join(5000);
    }

    LatencyHistogram[] hist = new LatencyHistogram[PHASES];
    long[] firstSent = new long[PHASES];
    long[] lastRecv = new long[PHASES];
    for (int p = 0; p < PHASES; p++) {
      hist[p] = new LatencyHistogram();
      firstSent[p] = Long.MAX_VALUE;
      lastRecv[p] = Long.MIN_VALUE;
    }
    long gaps = 0;
    long dups = 0;
    long others = 0;
    long closed = 0;
    long total = 0;
    for (IoThread io : threads) {
      for (int p = 0; p < PHASES; p++) {
        hist[p].add(io.hist[p]);
        firstSent[p] = Math.min(firstSent[p], io.firstSent[p]);
        lastRecv[p] = Math.max(lastRecv[p], io.lastRecv[p]);
      }
      gaps += io.gaps;
      dups += io.dups;
      others += io.others;
      closed += io.closedAfterConnect;
      total += io.total;
    }
    StringBuilder out = new StringBuilder("RESULT");
    out.append(" conns=").append(ok).append(" failed=").append(failed);
    out.append(" received=").append(total).append(" expected=").append(expected);
    out.append(" missing=").append(expected - total).append(" gaps=").append(gaps);
    out.append(" dups=").append(dups).append(" otherEvents=").append(others);
    out.append(" closed=").append(closed).append(" timedOut=").append(timedOut);
    String[] names = {"warm", "paced", "flat"};
    for (int p = 0; p < PHASES; p++) {
      long span = lastRecv[p] - firstSent[p];
      double rate = hist[p].count() == 0 || span <= 0 ? 0 : hist[p].count() * 1e6 / span;
      out.append(' ').append(names[p]).append("Count=").append(hist[p].count());
      out.append(' ').append(names[p]).append("Rate=").append(String.format("%.0f", rate));
      out.append(' ').append(names[p]).append("P50=").append(hist[p].quantile(0.50));
      out.append(' ').append(names[p]).append("P99=").append(hist[p].quantile(0.99));
      out.append(' ').append(names[p]).append("Max=").append(hist[p].max());
      out.append(' ').append(names[p]).append("Negative=").append(hist[p].negative());
    }
    out.append(" clientCpuMs=").append(cpuMillis());
    System.out.println(out);
    System.out.flush();
    System.exit(0);
  }

  static long cpuMillis() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1_000_000;
    }
    return -1;
  }

  /** One selector thread and its share of the connections. */
  private static final class IoThread extends Thread implements StreamScanner.Sink {
    private final InetSocketAddress target;
    private final byte[] request;
    private final int share;
    private final long warm;
    private final long paced;
    private final AtomicLong received;
    private final Selector selector;
    private final byte[] array = new byte[64 * 1024];
    private final ByteBuffer buffer = ByteBuffer.wrap(array);
    private volatile boolean running = true;

    // Written by this thread, read by main after join (or as rough progress before).
    volatile int connected;
    volatile int failed;
    volatile int open;
    private int started;
    private int pending;
    long closedAfterConnect;
    long gaps;
    long dups;
    long others;
    long total;
    final LatencyHistogram[] hist = new LatencyHistogram[PHASES];
    final long[] firstSent = new long[PHASES];
    final long[] lastRecv = new long[PHASES];
    private long nowMicros;
    private long batchCount;

    IoThread(
        int index,
        InetSocketAddress target,
        byte[] request,
        int share,
        long warm,
        long paced,
        AtomicLong received)
        throws IOException {
      super("load-io-" + index);
      this.target = target;
      this.request = request;
      this.share = share;
      this.warm = warm;
      this.paced = paced;
      this.received = received;
      this.selector = Selector.open();
      for (int p = 0; p < PHASES; p++) {
        hist[p] = new LatencyHistogram();
        firstSent[p] = Long.MAX_VALUE;
        lastRecv[p] = Long.MIN_VALUE;
      }
      setDaemon(true);
    }

    boolean settled() {
      return connected + failed >= share;
    }

    void halt() {
      running = false;
      selector.wakeup();
    }

    @Override
    public void run() {
      try {
        while (running) {
          while (started < share && pending < MAX_PENDING_PER_THREAD) {
            open();
          }
          selector.select(100);
          Iterator<SelectionKey> it = selector.selectedKeys().iterator();
          while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            handle(key);
          }
        }
      } catch (IOException e) {
        e.printStackTrace();
      } finally {
        for (SelectionKey key : selector.keys()) {
          try {
            key.channel().close();
          } catch (IOException ignored) {
            // closing anyway
          }
        }
      }
    }

    private void open() {
      started++;
      pending++;
      try {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        StreamScanner scanner = new StreamScanner();
        if (ch.connect(target)) {
          ch.write(ByteBuffer.wrap(request));
          ch.register(selector, SelectionKey.OP_READ, scanner);
        } else {
          ch.register(selector, SelectionKey.OP_CONNECT, scanner);
        }
      } catch (IOException e) {
        pending--;
        failed++;
      }
    }

    private void handle(SelectionKey key) {
      SocketChannel ch = (SocketChannel) key.channel();
      StreamScanner s = (StreamScanner) key.attachment();
      try {
        if (key.isConnectable()) {
          ch.finishConnect();
          ch.write(ByteBuffer.wrap(request));
          key.interestOps(SelectionKey.OP_READ);
          return;
        }
        boolean wasHead = s.headComplete();
        int r;
        batchCount = 0;
        do {
          buffer.clear();
          r = ch.read(buffer);
          if (r > 0) {
            nowMicros = Micros.now();
            s.feed(array, 0, r, this);
          }
        } while (r == array.length);
        if (batchCount > 0) {
          received.addAndGet(batchCount);
        }
        if (!wasHead && s.headComplete()) {
          pending--;
          if (s.ok()) {
            connected++;
            open++;
          } else {
            failed++;
            key.cancel();
            ch.close();
            return;
          }
        }
        if (r < 0 || s.ended()) {
          lost(key, ch, s);
        }
      } catch (IOException e) {
        lost(key, ch, s);
      }
    }

    private void lost(SelectionKey key, SocketChannel ch, StreamScanner s) {
      key.cancel();
      try {
        ch.close();
      } catch (IOException ignored) {
        // gone already
      }
      if (s.headComplete() && s.ok()) {
        closedAfterConnect++;
        open--;
      } else {
        if (!s.headComplete()) {
          pending--;
        }
        failed++;
      }
    }

    @Override
    public void ping(StreamScanner from, long seq, long sentMicros) {
      long expected = from.lastSeq + 1;
      if (seq > expected) {
        gaps += seq - expected;
      } else if (seq < expected) {
        dups++;
      }
      if (seq > from.lastSeq) {
        from.lastSeq = seq;
      }
      int phase = seq <= warm ? 0 : seq <= warm + paced ? 1 : 2;
      hist[phase].record(nowMicros - sentMicros);
      if (sentMicros < firstSent[phase]) {
        firstSent[phase] = sentMicros;
      }
      if (nowMicros > lastRecv[phase]) {
        lastRecv[phase] = nowMicros;
      }
      total++;
      batchCount++;
    }

    @Override
    public void otherEvent(StreamScanner from) {
      others++;
    }
  }
}
