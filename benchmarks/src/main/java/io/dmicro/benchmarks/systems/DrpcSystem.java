package io.dmicro.benchmarks.systems;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.router.RouteOptions;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * drpc over the raw proto: a {@code byte[]} body passed through raw, or a protobuf
 * {@code BytesValue} through the protobuf codec. The echo route is {@code @NonBlocking} (it runs on
 * the I/O thread, as gRPC's {@code directExecutor()} does), and both sides use the default engine
 * with the given number of I/O threads.
 */
public final class DrpcSystem<T> implements BenchSystem {

  private static final String ECHO = "/echo";
  private static final String PUSH = "/bench/push";
  /** Pushes a session may have written but not yet flushed: the sender-side window. */
  private static final int PUSH_WINDOW = 256;

  private final String codec;
  private final String description;
  private final Class<T> type;
  private final Function<byte[], T> wrap;
  private final Function<T, byte[]> unwrap;
  private final CallOptions options;
  private final String name;
  /** The echo route runs on the I/O thread ({@code @NonBlocking}) or on the handler executor. */
  private final boolean nonBlocking;
  /** The endpoint's own handler executor: virtual threads (true), the platform pool (false), null = JVM default. */
  private final Boolean virtualThreads;
  /** A/B: the handler executor given to the endpoint instead of its own (null: its own). */
  private java.util.function.Supplier<java.util.concurrent.ExecutorService> executor;
  /** A/B: the JSON codec as it was (no cached readers and writers), on both sides. */
  private boolean uncachedJson;
  /** A/B: TCP on NIO, as the engine ran before it used Netty's native transport where it loads. */
  private boolean nio;

  private DrpcSystem(String codec, String description, Class<T> type, Function<byte[], T> wrap, Function<T, byte[]> unwrap,
      CallOptions options) {
    this("drpc-" + codec, codec, description, type, wrap, unwrap, options, true, null);
  }

  private DrpcSystem(String name, String codec, String description, Class<T> type, Function<byte[], T> wrap,
      Function<T, byte[]> unwrap, CallOptions options, boolean nonBlocking, Boolean virtualThreads) {
    this.name = name;
    this.nonBlocking = nonBlocking;
    this.virtualThreads = virtualThreads;
    this.codec = codec;
    this.description = description;
    this.type = type;
    this.wrap = wrap;
    this.unwrap = unwrap;
    this.options = options;
  }

  public static DrpcSystem<byte[]> bytes() {
    return new DrpcSystem<>("bytes", "raw proto, byte[] body passed through raw", byte[].class, b -> b, b -> b,
        CallOptions.DEFAULT);
  }

  public static DrpcSystem<BytesValue> proto() {
    return new DrpcSystem<>("proto", "raw proto, protobuf codec with BytesValue", BytesValue.class,
        b -> BytesValue.newBuilder().setValue(ByteString.copyFrom(b)).build(), v -> v.getValue().toByteArray(),
        CallOptions.DEFAULT.withBodyCodec("protobuf"));
  }

  /** The body users send: a record with a few fields, through the default JSON codec. */
  public record EchoBody(long id, String name, byte[] data) {
  }

  /** The {@code name} field of every {@link EchoBody} sent. */
  public static final String BODY_NAME = "bench-echo";

  /**
   * The default path: a {@link EchoBody} record through the endpoint's default JSON codec, the echo
   * route on the handler executor (not {@code @NonBlocking}) unless {@code nonBlocking}.
   * {@code virtualThreads}: the handler executor's threads (null: the JVM's default, virtual on 21+).
   */
  public static DrpcSystem<EchoBody> json(String name, boolean nonBlocking, Boolean virtualThreads) {
    String exec = nonBlocking ? "@NonBlocking echo route on the I/O thread"
        : "echo route on the default handler executor (" + (Boolean.TRUE.equals(virtualThreads)
            ? "virtual thread per call" : "bounded platform pool") + ")";
    return new DrpcSystem<>(name, "json", "raw proto, record body (long, String, byte[]) through the default JSON"
        + " codec, " + exec, EchoBody.class, b -> new EchoBody(42L, BODY_NAME, b), EchoBody::data,
        CallOptions.DEFAULT, nonBlocking, virtualThreads);
  }

  /** The A side of the JSON-codec pair: {@link #json} with the codec as it was before readers and writers were cached. */
  public static DrpcSystem<EchoBody> jsonUncached(String name, boolean nonBlocking) {
    DrpcSystem<EchoBody> s = json(name, nonBlocking, false);
    s.uncachedJson = true;
    return s;
  }

  /** The A side of the transport pair: {@code base} with TCP on NIO on both sides. */
  public static <T> DrpcSystem<T> onNio(String name, DrpcSystem<T> base) {
    DrpcSystem<T> s = new DrpcSystem<>(name, base.codec, base.description, base.type, base.wrap, base.unwrap, base.options,
        base.nonBlocking, base.virtualThreads);
    s.nio = true;
    return s;
  }

  /** An A/B pair for the hand-off: {@link #json} on a handler executor made by {@code executor}. */
  public static DrpcSystem<EchoBody> jsonOn(String name, String what,
      java.util.function.Supplier<java.util.concurrent.ExecutorService> executor) {
    DrpcSystem<EchoBody> s = json(name, false, false);
    s.executor = executor;
    s.executorText = what;
    return s;
  }

  private String executorText;

  /** The A side of the hand-off pair: the default handler pool as it was before the ForkJoinPool. */
  public static java.util.concurrent.ExecutorService previousPool() {
    int threads = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads, 60,
        java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(100_000), r -> {
          Thread t = new Thread(r, "drpc-handler-a-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String family() {
    return "drpc";
  }

  @Override
  public String codec() {
    return codec;
  }

  @Override
  public String description() {
    String transport = nio || !io.dmicro.drpc.transport.tcp.NativeTransport.isAvailable() ? "NIO" : "epoll";
    return "dmicro drpc (" + transport + (nio ? ", A/B: NIO forced" : "") + "), " + description + (codec.equals("json") ? ""
        : ", @NonBlocking echo route on the I/O thread") + (uncachedJson ? "; A/B: JSON codec without cached"
        + " ObjectReader/ObjectWriter (mapper.readValue/writeValueAsBytes per call)" : "")
        + (executorText != null ? "; A/B: handler executor " + executorText : "");
  }

  private Endpoint endpoint(int ioThreads) {
    EndpointConfig.Builder b = EndpointConfig.builder().ioThreads(ioThreads).maxMessageSize(16 << 20);
    if (virtualThreads != null) {
      b.virtualThreads(virtualThreads);
    }
    if (executor != null) {
      b.handlerExecutor(executor.get());
    }
    if (nio) {
      b.socketOptions(io.dmicro.drpc.transport.SocketOptions.DEFAULT.withNativeTransport(false));
    }
    if (uncachedJson) {
      b.codecs(io.dmicro.drpc.codec.Codecs.defaults().toBuilder().remove("json").add(new UncachedJsonCodec()).build());
    }
    return Endpoint.create(b.build());
  }

  @Override
  public Server startServer(String host, int port, int ioThreads) {
    Endpoint e = endpoint(ioThreads);
    e.router().routeCallFunc(ECHO, type, (ctx, arg) -> arg, nonBlocking ? RouteOptions.nonBlockingRoute()
        : RouteOptions.DEFAULT);
    int bound = ((InetSocketAddress) e.listen("tcp://" + host + ":" + port)).getPort();
    return new DrpcServer(e, bound);
  }

  @Override
  public Client connect(String host, int port, int connections, int ioThreads) {
    Endpoint e = endpoint(ioThreads);
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      sessions.add(e.dial(host + ":" + port));
    }
    return new DrpcClient(e, sessions.toArray(Session[]::new));
  }

  @Override
  public boolean supportsPush() {
    return true;
  }

  @Override
  public PushSessions openPushSessions(String host, int port, int sessions, int ioThreads, LongAdder delivered) {
    Endpoint e = endpoint(ioThreads);
    e.router().routePushFunc(PUSH, type, (ctx, arg) -> delivered.increment(), nonBlocking
        ? RouteOptions.nonBlockingRoute() : RouteOptions.DEFAULT);
    for (int i = 0; i < sessions; i++) {
      e.dial(host + ":" + port);
    }
    return e::close;
  }

  @Override
  public AutoCloseable openIdleSessions(String host, int port, int sessions, int ioThreads) {
    return connect(host, port, sessions, ioThreads);
  }

  final class DrpcClient implements Client {
    final Endpoint endpoint;
    final Session[] sessions;
    int next;

    DrpcClient(Endpoint endpoint, Session[] sessions) {
      this.endpoint = endpoint;
      this.sessions = sessions;
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] payload) {
      return call(next++, payload);
    }

    @Override
    public CompletableFuture<byte[]> call(int caller, byte[] payload) {
      Session s = sessions[Math.floorMod(caller, sessions.length)];
      return s.<T>call(ECHO, wrap.apply(payload), type, options).thenApply(unwrap);
    }

    @Override
    public void close() {
      endpoint.close();
    }
  }

  final class DrpcServer implements Server {
    final Endpoint endpoint;
    final int port;
    final LongAdder pushed = new LongAdder();
    final AtomicBoolean pushing = new AtomicBoolean();
    volatile Object pushBody;

    DrpcServer(Endpoint endpoint, int port) {
      this.endpoint = endpoint;
      this.port = port;
    }

    @Override
    public int port() {
      return port;
    }

    @Override
    public int sessionCount() {
      return endpoint.sessionCount();
    }

    @Override
    public int pushSubscriberCount() {
      return endpoint.sessionCount();
    }

    @Override
    public void startPush(byte[] payload) {
      pushed.reset();
      pushBody = wrap.apply(payload);
      pushing.set(true);
      for (Session s : endpoint.sessions()) {
        for (int i = 0; i < PUSH_WINDOW; i++) {
          pump(s);
        }
      }
    }

    /** Each completed push sends the next, so every session keeps a bounded window in flight. */
    private void pump(Session s) {
      Object body = pushBody;
      if (!pushing.get() || body == null) {
        return;
      }
      s.push(PUSH, body, options).whenComplete((v, error) -> {
        if (error == null) {
          pushed.increment();
          pump(s);
        }
      });
    }

    @Override
    public long stopPush() {
      pushing.set(false);
      pushBody = null;
      return pushed.sum();
    }

    @Override
    public void close() {
      pushing.set(false);
      endpoint.close();
    }
  }
}
