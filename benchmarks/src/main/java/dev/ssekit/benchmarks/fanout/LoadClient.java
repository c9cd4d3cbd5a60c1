package dev.ssekit.benchmarks.fanout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
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
 * <p>Options ({@code --key=value}): {@code targets} ({@code host:port,…}: subscriber {@code g}
 * connects to target {@code g mod T}, where {@code g = offset + i} is its index among all the
 * run's subscribers, so several client JVMs spread one run's subscribers evenly over the nodes),
 * {@code n}, {@code offset}, {@code events}, {@code warm}, {@code paced}, {@code timeout}
 * (seconds), {@code io} (selector threads), {@code sources} (loopback addresses to bind the client
 * sockets to, {@code (g / T) mod S}; empty: the kernel picks), {@code connectTimeout} (seconds),
 * {@code reconnect} ({@code true}: a subscriber whose stream ends moves to another target, the
 * subscribers of one target spread evenly over the others, and resumes with {@code
 * Last-Event-ID}; for failover runs only), {@code publishers} (the number of
 * threads publishing the flat-out phase: each one's events must arrive in order, and nothing
 * else is known of their order) and {@code hist} (a file for the latency histograms, so that a
 * coordinator can merge those of several clients).
 *
 * <p>It connects (at most 64 handshakes in flight per thread), prints {@code CONNECTED ok=…
 * failed=… perTarget=a/b/…}, then waits until every subscriber has received EVENTS events
 * (sequence numbers 1..EVENTS, of which the first WARM are warm-up, the next PACED the paced phase
 * and the rest the flat-out phase) or TIMEOUT seconds pass, prints one {@code RESULT key=value…}
 * line and exits. It exits by itself in every case.
 */
public final class LoadClient {
  private static final int MAX_PENDING_PER_THREAD = 64;
  private static final int PHASES = 3;
  private static final String[] PHASE_NAMES = {"warm", "paced", "flat"};

  private LoadClient() {}

  /** Runs one load and exits. */
  public static void main(String[] args) throws Exception {
    Options o =
        new Options(
            args,
            "targets", "127.0.0.1:8080",
            "n", "1000",
            "offset", "0",
            "events", "100",
            "warm", "0",
            "paced", "100",
            "timeout", "120",
            "io", "1",
            "sources", "",
            "connectTimeout", "120",
            "reconnect", "false",
            "publishers", "1",
            "hist", "");
    List<InetSocketAddress> targets = new ArrayList<>();
    for (String t : o.list("targets")) {
      int colon = t.lastIndexOf(':');
      targets.add(new InetSocketAddress(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1))));
    }
    List<InetAddress> sources = new ArrayList<>();
    for (String s : o.list("sources")) {
      sources.add(InetAddress.getByName(s));
    }
    int n = o.integer("n");
    int offset = o.integer("offset");
    long events = Long.parseLong(o.get("events"));
    long timeoutSeconds = Long.parseLong(o.get("timeout"));
    int ioThreads = o.integer("io");
    boolean reconnect = Boolean.parseBoolean(o.get("reconnect"));
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(
                    timeoutSeconds + Long.parseLong(o.get("connectTimeout")) + 120));
              } catch (InterruptedException e) {
                return;
              }
              System.out.println("RESULT error=watchdog");
              System.out.flush();
              Runtime.getRuntime().halt(3);
            });
    watchdog.setDaemon(true);
    watchdog.start();

    AtomicLong received = new AtomicLong();
    Config c = new Config(targets, sources, Long.parseLong(o.get("warm")),
        Long.parseLong(o.get("paced")), o.integer("publishers"), reconnect, received);
    List<IoThread> threads = new ArrayList<>();
    for (int t = 0; t < ioThreads; t++) {
      List<Sub> share = new ArrayList<>();
      for (int i = t; i < n; i += ioThreads) {
        int g = offset + i;
        share.add(new Sub(g % targets.size(),
            sources.isEmpty() ? null : sources.get((g / targets.size()) % sources.size()),
            g / targets.size()));
      }
      IoThread io = new IoThread(t, c, share);
      threads.add(io);
      io.start();
    }

    long connectDeadline =
        System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(o.get("connectTimeout")));
    while (System.nanoTime() < connectDeadline && !threads.stream().allMatch(IoThread::settled)) {
      Thread.sleep(20);
    }
    int ok = threads.stream().mapToInt(io -> io.connected).sum();
    int failed = threads.stream().mapToInt(io -> io.failed).sum();
    StringBuilder perTarget = new StringBuilder();
    for (int t = 0; t < targets.size(); t++) {
      int tt = t;
      perTarget.append(t == 0 ? "" : "/")
          .append(threads.stream().mapToInt(io -> io.connectedPerTarget[tt]).sum());
    }
    System.out.println("CONNECTED ok=" + ok + " failed=" + failed + " perTarget=" + perTarget
        + " fds=" + ProcessStats.openFiles());
    System.out.flush();

    long expected = (long) ok * events;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline
        && received.get() < expected
        && threads.stream().anyMatch(io -> io.open > 0 || io.moving > 0)) {
      Thread.sleep(10);
    }
    boolean timedOut = received.get() < expected;
    StringBuilder openPerTarget = new StringBuilder();
    for (int t = 0; t < targets.size(); t++) {
      int tt = t;
      openPerTarget.append(t == 0 ? "" : "/")
          .append(threads.stream().mapToInt(io -> io.openPerTarget[tt]).sum());
    }
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
    LatencyHistogram moves = new LatencyHistogram();
    long gaps = 0;
    long dups = 0;
    long others = 0;
    long closed = 0;
    long total = 0;
    long comments = 0;
    long reconnected = 0;
    long gaveUp = 0;
    long firstLost = Long.MAX_VALUE;
    long lastBack = Long.MIN_VALUE;
    for (IoThread io : threads) {
      for (int p = 0; p < PHASES; p++) {
        hist[p].add(io.hist[p]);
        firstSent[p] = Math.min(firstSent[p], io.firstSent[p]);
        lastRecv[p] = Math.max(lastRecv[p], io.lastRecv[p]);
      }
      moves.add(io.moves);
      gaps += io.gaps;
      dups += io.dups;
      others += io.others;
      closed += io.closedAfterConnect;
      total += io.total;
      comments += io.comments;
      reconnected += io.reconnected;
      gaveUp += io.gaveUp;
      firstLost = Math.min(firstLost, io.firstLost);
      lastBack = Math.max(lastBack, io.lastBack);
    }
    StringBuilder out = new StringBuilder("RESULT");
    out.append(" conns=").append(ok).append(" failed=").append(failed);
    out.append(" received=").append(total).append(" expected=").append(expected);
    out.append(" missing=").append(expected - total).append(" gaps=").append(gaps);
    out.append(" dups=").append(dups).append(" otherEvents=").append(others);
    out.append(" closed=").append(closed).append(" timedOut=").append(timedOut);
    out.append(" comments=").append(comments);
    out.append(" openPerTarget=").append(openPerTarget);
    if (reconnect) {
      out.append(" reconnected=").append(reconnected).append(" gaveUp=").append(gaveUp);
      out.append(" firstLost=").append(firstLost == Long.MAX_VALUE ? "" : firstLost);
      out.append(" lastBack=").append(lastBack == Long.MIN_VALUE ? "" : lastBack);
    }
    for (int p = 0; p < PHASES; p++) {
      String name = PHASE_NAMES[p];
      long span = lastRecv[p] - firstSent[p];
      double rate = hist[p].count() == 0 || span <= 0 ? 0 : hist[p].count() * 1e6 / span;
      out.append(' ').append(name).append("Count=").append(hist[p].count());
      out.append(' ').append(name).append("Rate=").append(String.format("%.0f", rate));
      out.append(' ').append(name).append("P50=").append(hist[p].quantile(0.50));
      out.append(' ').append(name).append("P99=").append(hist[p].quantile(0.99));
      out.append(' ').append(name).append("Max=").append(hist[p].max());
      out.append(' ').append(name).append("Negative=").append(hist[p].negative());
      if (hist[p].count() > 0) {
        out.append(' ').append(name).append("First=").append(firstSent[p]);
        out.append(' ').append(name).append("Last=").append(lastRecv[p]);
      }
    }
    out.append(" clientCpuMs=").append(ProcessStats.cpuMillis());
    if (!o.get("hist").isEmpty()) {
      StringBuilder h = new StringBuilder();
      for (int p = 0; p < PHASES; p++) {
        h.append(PHASE_NAMES[p]).append(' ').append(hist[p].encode()).append('\n');
      }
      h.append("move ").append(moves.encode()).append('\n');
      Files.writeString(Path.of(o.get("hist")), h);
    }
    System.out.println(out);
    System.out.flush();
    System.exit(0);
  }

  /** What every selector thread shares. */
  private record Config(
      List<InetSocketAddress> targets,
      List<InetAddress> sources,
      long warm,
      long paced,
      int publishers,
      boolean reconnect,
      AtomicLong received) {

    /** The request; with {@code Last-Event-ID} when {@code lastId} is not null. */
    byte[] request(InetSocketAddress target, String lastId) {
      return ("GET /events HTTP/1.1\r\nHost: " + target.getHostString() + ":" + target.getPort()
              + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n"
              + (lastId == null ? "" : "Last-Event-ID: " + lastId + "\r\n")
              + "\r\n")
          .getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** One subscriber: its current connection's scanner, and where it connects. */
  private static final class Sub {
    final InetAddress source;
    final int spread;
    int target;
    StreamScanner scanner;
    boolean everConnected;
    int attempts;
    long lostAt;
    byte[] request;

    Sub(int target, InetAddress source, int spread) {
      this.target = target;
      this.source = source;
      this.spread = spread;
    }
  }

  /** One selector thread and its share of the subscribers. */
  private static final class IoThread extends Thread implements StreamScanner.Sink {
    private final Config c;
    private final List<Sub> subs;
    private final Selector selector;
    private final ArrayDeque<Sub> toMove = new ArrayDeque<>();
    private final byte[] array = new byte[64 * 1024];
    private final ByteBuffer buffer = ByteBuffer.wrap(array);
    private volatile boolean running = true;

    // Written by this thread, read by main after join (or as rough progress before).
    volatile int connected;
    volatile int failed;
    volatile int open;
    volatile int moving;
    final int[] connectedPerTarget;
    final int[] openPerTarget;
    private int started;
    private int pending;
    long closedAfterConnect;
    long gaps;
    long dups;
    long others;
    long total;
    long comments;
    long reconnected;
    long gaveUp;
    long firstLost = Long.MAX_VALUE;
    long lastBack = Long.MIN_VALUE;
    final LatencyHistogram moves = new LatencyHistogram();
    final LatencyHistogram[] hist = new LatencyHistogram[PHASES];
    final long[] firstSent = new long[PHASES];
    final long[] lastRecv = new long[PHASES];
    private long nowMicros;
    private long batchCount;

    IoThread(int index, Config c, List<Sub> subs) throws IOException {
      super("load-io-" + index);
      this.c = c;
      this.subs = subs;
      this.connectedPerTarget = new int[c.targets().size()];
      this.openPerTarget = new int[c.targets().size()];
      this.selector = Selector.open();
      for (int p = 0; p < PHASES; p++) {
        hist[p] = new LatencyHistogram();
        firstSent[p] = Long.MAX_VALUE;
        lastRecv[p] = Long.MIN_VALUE;
      }
      setDaemon(true);
    }

    boolean settled() {
      return connected + failed >= subs.size();
    }

    void halt() {
      running = false;
      selector.wakeup();
    }

    @Override
    public void run() {
      try {
        while (running) {
          while (started < subs.size() && pending < MAX_PENDING_PER_THREAD) {
            Sub s = subs.get(started++);
            pending++;
            if (!open(s, null)) {
              pending--;
              failed++;
            }
          }
          while (!toMove.isEmpty()) {
            move(toMove.poll());
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

    /** Opens a connection for {@code s} to its target; false if that failed at once. */
    private boolean open(Sub s, String lastId) {
      InetSocketAddress target = c.targets().get(s.target);
      s.scanner = c.reconnect() ? new StreamScanner(s.scanner) : new StreamScanner();
      s.request = c.request(target, lastId);
      SocketChannel ch = null;
      try {
        ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (s.source != null) {
          ch.bind(new InetSocketAddress(s.source, 0));
        }
        if (ch.connect(target)) {
          ch.write(ByteBuffer.wrap(s.request));
          ch.register(selector, SelectionKey.OP_READ, s);
        } else {
          ch.register(selector, SelectionKey.OP_CONNECT, s);
        }
        return true;
      } catch (IOException e) {
        if (ch != null) {
          try {
            ch.close();
          } catch (IOException ignored) {
            // failed anyway
          }
        }
        return false;
      }
    }

    /** Reconnect mode: {@code s} lost its stream; resume it on the next target. */
    private void move(Sub s) {
      int t = c.targets().size();
      while (s.attempts < 3 * t) {
        // The first move spreads a node's subscribers over all the others; then the next one.
        int step = s.attempts == 0 && t > 1 ? 1 + s.spread % (t - 1) : 1;
        s.attempts++;
        s.target = (s.target + step) % t;
        if (open(s, s.scanner.lastId())) {
          return;
        }
      }
      moving--;
      gaveUp++;
    }

    private void handle(SelectionKey key) {
      SocketChannel ch = (SocketChannel) key.channel();
      Sub sub = (Sub) key.attachment();
      StreamScanner s = sub.scanner;
      try {
        if (key.isConnectable()) {
          ch.finishConnect();
          ch.write(ByteBuffer.wrap(sub.request));
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
          c.received().addAndGet(batchCount);
        }
        if (!wasHead && s.headComplete()) {
          if (!sub.everConnected) {
            pending--;
          }
          if (s.ok()) {
            open++;
            openPerTarget[sub.target]++;
            if (sub.everConnected) {
              moving--;
              reconnected++;
              sub.attempts = 0;
              lastBack = Math.max(lastBack, nowMicros);
              moves.record(nowMicros - sub.lostAt);
            } else {
              sub.everConnected = true;
              connected++;
              connectedPerTarget[sub.target]++;
            }
          } else {
            key.cancel();
            ch.close();
            failedConnect(sub);
            return;
          }
        }
        if (r < 0 || s.ended()) {
          lost(key, ch, sub);
        }
      } catch (IOException e) {
        lost(key, ch, sub);
      }
    }

    private void failedConnect(Sub sub) {
      if (sub.everConnected) {
        toMove.add(sub); // still moving: try the next target
      } else {
        failed++;
      }
    }

    private void lost(SelectionKey key, SocketChannel ch, Sub sub) {
      key.cancel();
      try {
        ch.close();
      } catch (IOException ignored) {
        // gone already
      }
      StreamScanner s = sub.scanner;
      if (s.headComplete() && s.ok()) {
        closedAfterConnect++;
        open--;
        openPerTarget[sub.target]--;
        if (c.reconnect()) {
          long now = Micros.now();
          sub.lostAt = now;
          firstLost = Math.min(firstLost, now);
          moving++;
          toMove.add(sub);
        }
      } else {
        if (!sub.everConnected && !s.headComplete()) {
          pending--;
        }
        failedConnect(sub);
      }
    }

    @Override
    public void ping(StreamScanner from, long seq, long sentMicros) {
      long flatBase = c.warm() + c.paced();
      int lanes = c.publishers();
      if (lanes > 1 && seq > flatBase) {
        // Flat-out events from several publisher threads: each lane in order, lanes interleaved.
        if (from.laneLast == null) {
          from.laneLast = new long[lanes];
        }
        int lane = (int) ((seq - flatBase - 1) % lanes);
        long last = from.laneLast[lane];
        long expected = last == 0 ? flatBase + 1 + lane : last + lanes;
        if (seq > expected) {
          gaps += (seq - expected) / lanes;
        } else if (seq < expected) {
          dups++;
          return;
        }
        from.laneLast[lane] = seq;
        from.lastSeq = Math.max(from.lastSeq, seq);
        count(seq, sentMicros);
        return;
      }
      long expected = from.lastSeq + 1;
      if (seq > expected) {
        gaps += seq - expected;
      } else if (seq < expected) {
        dups++;
        return;
      }
      from.lastSeq = seq;
      count(seq, sentMicros);
    }

    private void count(long seq, long sentMicros) {
      int phase = seq <= c.warm() ? 0 : seq <= c.warm() + c.paced() ? 1 : 2;
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

    @Override
    public void comment(StreamScanner from) {
      comments++;
    }
  }
}
