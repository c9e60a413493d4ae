package io.dmicro.benchmarks.systems;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Go original (github.com/osgochina/dmicro v1.3.1 drpc, raw proto) through its bench peer
 * {@code interop/go/cmd/benchpeer}, built in the run with {@code go build}. Three pairings, each
 * with a {@code byte[]} body (plain codec) or the JSON struct body (the same fields as
 * {@link DrpcSystem.EchoBody}):
 * <ul>
 *   <li>{@code go-*}: Go server, Go client (the original on its own);</li>
 *   <li>{@code java-go-*}: the Java drpc client against the Go server;</li>
 *   <li>{@code go-java-*}: the Go client against the Java drpc server (bytes: @NonBlocking route;
 *       json: the default path, route on the handler pool).</li>
 * </ul>
 * The Go client runs its own closed loop (goroutines on one session, each one call outstanding);
 * the harness takes its figures through {@link BenchSystem.ExternalLoad}.
 */
public final class GoSystem implements BenchSystem {
  private final String name;
  private final boolean goServer;
  private final boolean goClient;
  private final boolean json;

  /** Builds the Go bench peer for this run; null when built, else the reason it is not there. */
  public static String buildPeer(java.nio.file.Path repoRoot, java.nio.file.Path out) {
    return GoPeer.build(repoRoot, out);
  }

  private GoSystem(String name, boolean goServer, boolean goClient, boolean json) {
    this.name = name;
    this.goServer = goServer;
    this.goClient = goClient;
    this.json = json;
  }

  public static GoSystem goGo(boolean json) {
    return new GoSystem("go-" + (json ? "json" : "bytes"), true, true, json);
  }

  public static GoSystem javaToGo(boolean json) {
    return new GoSystem("java-go-" + (json ? "json" : "bytes"), true, false, json);
  }

  public static GoSystem goToJava(boolean json) {
    return new GoSystem("go-java-" + (json ? "json" : "bytes"), false, true, json);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String family() {
    return "go";
  }

  @Override
  public String codec() {
    return json ? "json" : "bytes";
  }

  @Override
  public String description() {
    String body = json ? "JSON struct body {id, name, data []byte}" : "[]byte body, plain codec";
    String client = goClient ? "Go DMicro v1.3.1 client (goroutine per caller, one session)" : "Java drpc client";
    String server = goServer ? "Go DMicro v1.3.1 server (go build in the run, raw proto)"
        : "Java drpc server (" + (json ? "record through JSON, route on the default handler pool" : "byte[],"
            + " @NonBlocking route") + ")";
    return client + " -> " + server + ", " + body;
  }

  @Override
  public boolean supportsConnections(int connections) {
    return connections == 1 || !goClient; // the Go load runs over one session
  }

  private String goRoute() {
    return json ? "/bench/json" : "/bench/bytes";
  }

  private BenchSystem javaServerSystem() {
    return json ? DrpcSystem.json("drpc-json", false, false) : DrpcSystem.bytes();
  }

  @Override
  public Server startServer(String host, int port, int ioThreads) throws Exception {
    if (!goServer) {
      return javaServerSystem().startServer(host, port, ioThreads);
    }
    GoPeer peer = new GoPeer("server", "-addr", host + ":" + port);
    String addr = peer.await("LISTEN", 60);
    int bound = Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
    return new Server() {
      @Override
      public int port() {
        return bound;
      }

      @Override
      public int sessionCount() {
        try {
          return Integer.parseInt(peer.ask("SESSIONS", "SESSIONS"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public long extraCpuNanos() {
        return peer.cpuNanos();
      }

      @Override
      public long extraHeapBytes() {
        try {
          return Long.parseLong(peer.ask("HEAP", "HEAP"));
        } catch (Exception e) {
          return -1;
        }
      }

      @Override
      public int pushSubscriberCount() {
        return sessionCount(); // the Go server pushes to every session it has
      }

      @Override
      public void startPush(byte[] payload) {
        try {
          peer.ask("PUSH " + (json ? "json" : "plain") + " " + payload.length, "PUSHING");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public long stopPush() {
        try {
          return Long.parseLong(peer.ask("PUSH_STOP", "PUSHED"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void close() {
        peer.close();
      }
    };
  }

  @Override
  public Client connect(String host, int port, int connections, int ioThreads) throws Exception {
    if (goClient) {
      return new GoLoad(host + ":" + port, json ? (goServer ? goRoute() : "/echo") : (goServer ? goRoute() : "/echo"));
    }
    Endpoint e = Endpoint.create(EndpointConfig.builder().ioThreads(ioThreads).maxMessageSize(16 << 20).build());
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      sessions.add(e.dial(host + ":" + port));
    }
    Session[] ss = sessions.toArray(Session[]::new);
    String route = goRoute();
    CallOptions plain = CallOptions.DEFAULT.withBodyCodec("plain");
    return new Client() {
      int next;

      @Override
      public CompletableFuture<byte[]> call(byte[] payload) {
        return call(next++, payload);
      }

      @Override
      public CompletableFuture<byte[]> call(int caller, byte[] payload) {
        Session s = ss[Math.floorMod(caller, ss.length)];
        if (json) {
          return s.call(route, new DrpcSystem.EchoBody(42L, "bench-echo", payload), DrpcSystem.EchoBody.class)
              .thenApply(DrpcSystem.EchoBody::data);
        }
        return s.call(route, payload, byte[].class, plain);
      }

      @Override
      public void close() {
        e.close();
      }
    };
  }

  @Override
  public boolean supportsPush() {
    return true;
  }

  /**
   * Java receivers (a drpc endpoint routing /bench/push) for a Go server; Go receivers (the peer's
   * {@code pushrecv}) for a Java or Go server. The Go receivers report their count every 20 ms
   * with the time they read it; the window's edges are read from those times (a report may reach
   * the harness late when the receivers are busy).
   */
  @Override
  public PushSessions openPushSessions(String host, int port, int sessions, int ioThreads,
      java.util.concurrent.atomic.LongAdder delivered) throws Exception {
    if (!goClient) {
      return javaServerSystem().openPushSessions(host, port, sessions, ioThreads, delivered);
    }
    GoPeer peer = new GoPeer("pushrecv", "-addr", host + ":" + port, "-sessions", Integer.toString(sessions),
        "-codec", json ? "json" : "plain");
    String ready = peer.await("READY", 300);
    if (ready.startsWith("error")) {
      peer.close();
      throw new IllegalStateException("Go push receivers: " + ready);
    }
    GoPushReceivers receivers = new GoPushReceivers(peer, delivered);
    receivers.start();
    return receivers;
  }

  /** The Go receivers' reports: what reaches {@code delivered}, and the counts by the time they were read. */
  static final class GoPushReceivers extends Thread implements PushSessions, TimedPushCount {
    private final GoPeer peer;
    private final java.util.concurrent.atomic.LongAdder delivered;
    private final java.util.concurrent.ConcurrentSkipListMap<Long, Long> countByTime =
        new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile boolean open = true;
    /** Guarded by {@code countByTime}: whether reports may still come. */
    private boolean reading = true;

    GoPushReceivers(GoPeer peer, java.util.concurrent.atomic.LongAdder delivered) {
      super("go-push-count");
      setDaemon(true);
      this.peer = peer;
      this.delivered = delivered;
    }

    @Override
    public void run() {
      long seen = 0;
      try {
        while (open) {
          String[] report = peer.await("DELIVERED", 60).split(" ");
          long count = Long.parseLong(report[0]);
          synchronized (countByTime) {
            countByTime.put(Long.parseLong(report[1]), count);
            countByTime.notifyAll();
          }
          delivered.add(count - seen);
          seen = count;
        }
      } catch (Exception e) {
        // the receivers are gone
      } finally {
        synchronized (countByTime) {
          reading = false;
          countByTime.notifyAll(); // a countAt waiting for a report that will not come
        }
      }
    }

    @Override
    public long countAt(long epochNanos) throws InterruptedException {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      synchronized (countByTime) {
        while (countByTime.isEmpty() || countByTime.lastKey() < epochNanos) { // the report after it is on its way
          long leftMillis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (leftMillis <= 0 || !reading) {
            throw new IllegalStateException("no Go push receiver report after the measured window's edge");
          }
          countByTime.wait(leftMillis);
        }
      }
      var before = countByTime.floorEntry(epochNanos);
      var after = countByTime.ceilingEntry(epochNanos);
      if (before == null) {
        return after.getValue();
      }
      if (after.getKey().equals(before.getKey())) {
        return before.getValue();
      }
      double f = (epochNanos - before.getKey()) / (double) (after.getKey() - before.getKey());
      return before.getValue() + Math.round(f * (after.getValue() - before.getValue()));
    }

    @Override
    public void close() throws InterruptedException {
      open = false;
      peer.close();
      join(5_000);
    }
  }

  @Override
  public AutoCloseable openIdleSessions(String host, int port, int sessions, int ioThreads) throws Exception {
    if (!goClient) {
      return connect(host, port, sessions, ioThreads);
    }
    GoPeer peer = new GoPeer("idle", "-addr", host + ":" + port, "-sessions", Integer.toString(sessions),
        "-local", idleSourceAddress(host));
    String line = peer.await("IDLE", 300);
    if (line.contains("\"error\"")) {
      peer.close();
      throw new IllegalStateException("Go client could not open " + sessions + " sessions: " + line);
    }
    return new GoIdle(peer, number(line, "heapBefore"), number(line, "heapAfter"), line);
  }

  private static final java.util.concurrent.atomic.AtomicInteger IDLE_RUNS = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A loopback address of its own for each Go idle run (127.0.0.2, .3, ...): the Go original binds
   * the client's address before it connects, and on 127.0.0.1 the thousands of TIME_WAIT ports the
   * earlier systems' sessions left made that bind fail ("address already in use") within a run.
   */
  static String idleSourceAddress(String host) {
    if (!host.startsWith("127.")) {
      return "";
    }
    return "127.0.0." + (2 + IDLE_RUNS.getAndIncrement() % 250);
  }

  static long number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.eE+]+)").matcher(json);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
  }

  static String text(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    return m.find() ? m.group(1) : "";
  }

  /** The Go client's idle sessions; the heap figures are the Go process's own. */
  record GoIdle(GoPeer peer, long before, long after, String line) implements ExternalIdle {
    @Override
    public void close() {
      peer.close();
    }
  }

  /** The Go client's closed loop, started per measurement. */
  final class GoLoad implements ExternalLoad {
    private final String addr;
    private final String route;

    GoLoad(String addr, String route) {
      this.addr = addr;
      this.route = route;
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] payload) {
      throw new UnsupportedOperationException("the Go client runs its own loop");
    }

    @Override
    public LoadResult run(int connections, int callers, int payloadSize, long warmupMs, long measureMs,
        Runnable atStart, Runnable atEnd) throws Exception {
      if (connections != 1) {
        throw new UnsupportedOperationException("the Go load runs over one session");
      }
      try (GoPeer peer = new GoPeer("load", "-addr", addr, "-route", route, "-codec", json ? "json" : "plain",
          "-callers", Integer.toString(callers), "-size", Integer.toString(payloadSize),
          "-warmup-ms", Long.toString(warmupMs), "-measure-ms", Long.toString(measureMs))) {
        peer.await("PHASE measure", 120);
        atStart.run();
        peer.await("PHASE done", 120);
        atEnd.run();
        String r = peer.await("RESULT", 120);
        return new LoadResult(number(r, "calls"), Double.parseDouble(String.valueOf(
            r.replaceAll(".*\"seconds\":([0-9.eE+-]+).*", "$1"))), number(r, "p50us") * 1000.0,
            number(r, "p99us") * 1000.0, number(r, "p999us") * 1000.0, number(r, "errors"), text(r, "firstError"),
            number(r, "cpuNs"));
      }
    }

    @Override
    public void close() {
    }
  }
}
