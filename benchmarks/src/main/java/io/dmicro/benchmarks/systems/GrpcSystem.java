package io.dmicro.benchmarks.systems;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * gRPC-java over grpc-netty-shaded (its own relocated Netty, so it never meets ours), with
 * {@code directExecutor()} on both server and client: handlers and callbacks run on the event
 * loop, the fastest configuration gRPC-java offers for non-blocking handlers. Methods are
 * hand-written {@link MethodDescriptor}s (no protoc here): {@code bench.Bench/Echo} (unary) and
 * {@code bench.Bench/Subscribe} (server streaming, for push fan-out).
 */
public final class GrpcSystem<T> implements BenchSystem {
  private final String codec;
  private final String codecText;
  private final MethodDescriptor<T, T> echo;
  private final MethodDescriptor<T, T> subscribe;
  private final Function<byte[], T> wrap;
  private final Function<T, byte[]> unwrap;
  /** directExecutor() on both sides (the fastest setting), or gRPC's default executor as users run it. */
  private final boolean direct;

  private GrpcSystem(String codec, String codecText, MethodDescriptor.Marshaller<T> m,
      Function<byte[], T> wrap, Function<T, byte[]> unwrap) {
    this(codec, codecText, m, wrap, unwrap, true);
  }

  private GrpcSystem(String codec, String codecText, MethodDescriptor.Marshaller<T> m,
      Function<byte[], T> wrap, Function<T, byte[]> unwrap, boolean direct) {
    this.direct = direct;
    this.codec = codec;
    this.codecText = codecText;
    this.wrap = wrap;
    this.unwrap = unwrap;
    this.echo = MethodDescriptor.<T, T>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName("bench.Bench/Echo").setRequestMarshaller(m).setResponseMarshaller(m).build();
    this.subscribe = MethodDescriptor.<T, T>newBuilder().setType(MethodDescriptor.MethodType.SERVER_STREAMING)
        .setFullMethodName("bench.Bench/Subscribe").setRequestMarshaller(m).setResponseMarshaller(m).build();
  }

  /** byte[] body with a hand-written marshaller (KnownLength + Drainable stream, exact-size parse). */
  public static GrpcSystem<byte[]> bytes() {
    return new GrpcSystem<>("bytes", "byte[] marshaller", new BytesMarshaller(), b -> b, b -> b);
  }

  /** Protobuf body: the well-known type google.protobuf.BytesValue via ProtoUtils.marshaller. */
  public static GrpcSystem<BytesValue> proto() {
    return new GrpcSystem<>("proto", "protobuf BytesValue via ProtoUtils.marshaller",
        ProtoUtils.marshaller(BytesValue.getDefaultInstance()),
        b -> BytesValue.newBuilder().setValue(ByteString.copyFrom(b)).build(),
        v -> v.getValue().toByteArray());
  }

  /**
   * gRPC-java as users run it: protobuf messages through ProtoUtils.marshaller and gRPC's default
   * executor (a cached thread pool) on both sides, no directExecutor().
   */
  public static GrpcSystem<BytesValue> protoDefault() {
    return new GrpcSystem<>("proto", "protobuf BytesValue via ProtoUtils.marshaller",
        ProtoUtils.marshaller(BytesValue.getDefaultInstance()),
        b -> BytesValue.newBuilder().setValue(ByteString.copyFrom(b)).build(),
        v -> v.getValue().toByteArray(), false);
  }

  @Override
  public String name() {
    return "grpc-" + codec + (direct ? "" : "-default");
  }

  @Override
  public String family() {
    return "grpc";
  }

  @Override
  public String codec() {
    return codec;
  }

  @Override
  public String description() {
    return "gRPC-java " + io.grpc.internal.GrpcUtil.IMPLEMENTATION_VERSION + " (grpc-netty-shaded, "
        + (epoll() ? "epoll" : "nio") + "), " + (direct ? "directExecutor() on server and client"
        : "default executor (cached pool) on server and client") + ", " + codecText;
  }

  @Override
  public boolean supportsPush() {
    return true;
  }

  // ---------------------------------------------------------------- shaded Netty transport

  static boolean epoll() {
    return Epoll.isAvailable() && !Boolean.getBoolean("bench.nio");
  }

  static EventLoopGroup group(int threads, String name) {
    IoHandlerFactory f = epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), f);
  }

  static void shutdown(EventLoopGroup g) {
    g.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  // ---------------------------------------------------------------- server

  @Override
  public Server startServer(String host, int port, int ioThreads) throws Exception {
    return new GrpcServer(host, port, ioThreads);
  }

  private static final Attributes.Key<Boolean> COUNTED = Attributes.Key.create("bench.counted");

  final class GrpcServer implements Server {
    final EventLoopGroup boss = group(1, name() + "-boss");
    final EventLoopGroup workers;
    final io.grpc.Server server;
    final AtomicInteger sessions = new AtomicInteger();
    final List<PushStream> streams = new CopyOnWriteArrayList<>();
    final LongAdder pushed = new LongAdder();
    volatile T pushMessage;

    GrpcServer(String host, int port, int ioThreads) throws IOException {
      workers = group(ioThreads, name() + "-server");
      ServerServiceDefinition def = ServerServiceDefinition.builder("bench.Bench")
          .addMethod(echo, ServerCalls.asyncUnaryCall((T req, StreamObserver<T> out) -> {
            out.onNext(req);
            out.onCompleted();
          }))
          .addMethod(subscribe, ServerCalls.asyncServerStreamingCall((T req, StreamObserver<T> out) -> {
            PushStream s = new PushStream((ServerCallStreamObserver<T>) out);
            streams.add(s);
          }))
          .build();
      server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
          .bossEventLoopGroup(boss)
          .workerEventLoopGroup(workers)
          .channelType(epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
          .addService(def)
          .executor(direct ? com.google.common.util.concurrent.MoreExecutors.directExecutor() : null)
          .addTransportFilter(new ServerTransportFilter() {
            @Override
            public Attributes transportReady(Attributes a) {
              sessions.incrementAndGet();
              return a.toBuilder().set(COUNTED, Boolean.TRUE).build();
            }

            @Override
            public void transportTerminated(Attributes a) {
              if (a != null && Boolean.TRUE.equals(a.get(COUNTED))) {
                sessions.decrementAndGet();
              }
            }
          })
          .build()
          .start();
    }

    @Override
    public int port() {
      return server.getPort();
    }

    @Override
    public int sessionCount() {
      return sessions.get();
    }

    @Override
    public int pushSubscriberCount() {
      return streams.size();
    }

    @Override
    public void startPush(byte[] payload) {
      pushed.reset();
      pushMessage = wrap.apply(payload);
      for (PushStream s : streams) {
        s.pump();
      }
    }

    @Override
    public long stopPush() {
      pushMessage = null;
      return pushed.sum();
    }

    @Override
    public void close() throws InterruptedException {
      pushMessage = null;
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
      shutdown(boss);
      shutdown(workers);
    }

    /** One subscriber: sends while the stream is ready (gRPC's own flow control), resumes on ready. */
    final class PushStream {
      final ServerCallStreamObserver<T> out;
      volatile boolean closed;

      PushStream(ServerCallStreamObserver<T> out) {
        this.out = out;
        out.setOnReadyHandler(this::pump);
        out.setOnCancelHandler(() -> {
          closed = true;
          streams.remove(this);
        });
      }

      synchronized void pump() {
        T m;
        int n = 0;
        while (!closed && (m = pushMessage) != null && out.isReady()) {
          out.onNext(m);
          n++;
        }
        pushed.add(n);
      }
    }
  }

  // ---------------------------------------------------------------- client

  @Override
  public Client connect(String host, int port, int connections, int ioThreads) throws Exception {
    EventLoopGroup group = group(ioThreads, name() + "-client");
    ManagedChannel[] chans = openChannels(group, host, port, connections);
    return new GrpcClient(group, chans);
  }

  private ManagedChannel[] openChannels(EventLoopGroup group, String host, int port, int n) throws Exception {
    ManagedChannel[] chans = new ManagedChannel[n];
    try {
      Connects.openAll(n, i -> {
        chans[i] = NettyChannelBuilder.forAddress(host, port)
            .usePlaintext()
            .executor(direct ? com.google.common.util.concurrent.MoreExecutors.directExecutor() : null)
            .eventLoopGroup(group)
            .channelType(epoll() ? EpollSocketChannel.class : NioSocketChannel.class)
            .build();
        CompletableFuture<ManagedChannel> ready = new CompletableFuture<>();
        awaitReady(chans[i], ready);
        return ready;
      });
      return chans;
    } catch (Exception e) {
      closeChannels(group, chans);
      throw e;
    }
  }

  private static void awaitReady(ManagedChannel ch, CompletableFuture<ManagedChannel> ready) {
    ConnectivityState s = ch.getState(true);
    if (s == ConnectivityState.READY) {
      ready.complete(ch);
    } else if (s == ConnectivityState.SHUTDOWN) {
      ready.completeExceptionally(new IllegalStateException("channel shut down"));
    } else {
      ch.notifyWhenStateChanged(s, () -> awaitReady(ch, ready));
    }
  }

  private static void closeChannels(EventLoopGroup group, ManagedChannel[] chans) {
    for (ManagedChannel c : chans) {
      if (c != null) {
        c.shutdownNow();
      }
    }
    for (ManagedChannel c : chans) {
      if (c != null) {
        try {
          c.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    shutdown(group);
  }

  private record Cached<T>(byte[] source, T message) {
  }

  final class GrpcClient implements Client {
    final EventLoopGroup group;
    final ManagedChannel[] channels;
    final AtomicInteger next = new AtomicInteger();
    volatile Cached<T> cached = new Cached<>(null, null);

    GrpcClient(EventLoopGroup group, ManagedChannel[] channels) {
      this.group = group;
      this.channels = channels;
    }

    /** The harness reuses one payload array; build the request message once per distinct array. */
    T request(byte[] payload) {
      Cached<T> c = cached;
      if (c.source != payload) {
        c = new Cached<>(payload, wrap.apply(payload));
        cached = c;
      }
      return c.message;
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] payload) {
      return call(next.getAndIncrement() & Integer.MAX_VALUE, payload);
    }

    @Override
    public CompletableFuture<byte[]> call(int caller, byte[] payload) {
      ManagedChannel ch = channels[caller % channels.length];
      CompletableFuture<byte[]> f = new CompletableFuture<>();
      ClientCalls.asyncUnaryCall(ch.newCall(echo, CallOptions.DEFAULT), request(payload), new StreamObserver<T>() {
        T response;

        @Override
        public void onNext(T value) {
          response = value;
        }

        @Override
        public void onError(Throwable t) {
          f.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
          f.complete(unwrap.apply(response));
        }
      });
      return f;
    }

    @Override
    public void close() {
      closeChannels(group, channels);
    }
  }

  // ---------------------------------------------------------------- push receivers

  @Override
  public PushSessions openPushSessions(String host, int port, int sessions, int ioThreads, LongAdder delivered)
      throws Exception {
    EventLoopGroup group = group(ioThreads, name() + "-push-client");
    ManagedChannel[] chans = openChannels(group, host, port, sessions);
    T req = wrap.apply(new byte[0]);
    for (ManagedChannel ch : chans) {
      ClientCalls.asyncServerStreamingCall(ch.newCall(subscribe, CallOptions.DEFAULT), req, new StreamObserver<T>() {
        @Override
        public void onNext(T value) {
          delivered.increment();
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
      });
    }
    return () -> closeChannels(group, chans);
  }

  // ---------------------------------------------------------------- byte[] marshaller

  static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new BytesStream(value);
    }

    @Override
    public byte[] parse(InputStream in) {
      try {
        if (in instanceof KnownLength) {
          byte[] b = new byte[in.available()];
          int off = 0;
          while (off < b.length) {
            int r = in.read(b, off, b.length - off);
            if (r < 0) {
              throw new IOException("short message");
            }
            off += r;
          }
          return b;
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Lets gRPC size the frame up front and copy the array straight into its buffer. */
  static final class BytesStream extends ByteArrayInputStream implements KnownLength, Drainable {
    BytesStream(byte[] b) {
      super(b);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int n = count - pos;
      target.write(buf, pos, n);
      pos = count;
      return n;
    }
  }
}
