package io.dmicro.benchmarks.systems;

import io.netty.buffer.ByteBuf;
import io.rsocket.ConnectionSetupPayload;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketConnector;
import io.rsocket.core.RSocketServer;
import io.rsocket.frame.decoder.PayloadDecoder;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import io.rsocket.util.DefaultPayload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * RSocket-java request-response over TCP (reactor-netty on our Netty), zero-copy payload decoder on
 * both sides, echo handler returning the received payload. Push fan-out is request-stream with
 * reactive-streams credit (the client asks 256 at a time), which is RSocket's flow-controlled push.
 */
public final class RSocketSystem implements BenchSystem {
  private static final int PUSH_CREDIT = 256;

  @Override
  public String name() {
    return "rsocket";
  }

  @Override
  public String family() {
    return "rsocket";
  }

  @Override
  public String codec() {
    return "bytes";
  }

  @Override
  public String description() {
    return "RSocket-java " + versionOf(RSocket.class) + " request-response over TCP (reactor-netty "
        + versionOf(TcpClient.class) + ", " + NettyIo.transportName()
        + "), PayloadDecoder.ZERO_COPY, echo returns the received payload";
  }

  /** Implementation-Version, else the version in the jar's file name (rsocket-core's manifest has none). */
  static String versionOf(Class<?> c) {
    String v = c.getPackage().getImplementationVersion();
    if (v != null) {
      return v;
    }
    try {
      String f = java.nio.file.Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getFileName().toString();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("-(\\d[\\w.-]*)\\.jar$").matcher(f);
      return m.find() ? m.group(1) : "?";
    } catch (Exception e) {
      return "?";
    }
  }

  @Override
  public boolean supportsPush() {
    return true;
  }

  static byte[] bytes(Payload p) {
    ByteBuf d = p.sliceData();
    byte[] b = new byte[d.readableBytes()];
    d.getBytes(d.readerIndex(), b);
    return b;
  }

  // ---------------------------------------------------------------- server

  @Override
  public Server startServer(String host, int port, int ioThreads) {
    return new RsServer(host, port, ioThreads);
  }

  static final class RsServer implements Server {
    final LoopResources loops;
    final CloseableChannel channel;
    final AtomicInteger sessions = new AtomicInteger();
    final List<PushStream> streams = new CopyOnWriteArrayList<>();
    final LongAdder pushed = new LongAdder();
    volatile byte[] pushPayload;

    RsServer(String host, int port, int ioThreads) {
      loops = LoopResources.create("rsocket-server", 1, ioThreads, true);
      RSocket handler = new RSocket() {
        @Override
        public Mono<Payload> requestResponse(Payload p) {
          return Mono.just(p);
        }

        @Override
        public Flux<Payload> requestStream(Payload p) {
          p.release();
          return Flux.create(sink -> {
            PushStream s = new PushStream(sink);
            streams.add(s);
            sink.onRequest(s::request);
            sink.onDispose(() -> {
              s.cancelled = true;
              streams.remove(s);
            });
          });
        }
      };
      SocketAcceptor acceptor = (ConnectionSetupPayload setup, RSocket sending) -> {
        sessions.incrementAndGet();
        sending.onClose().doFinally(x -> sessions.decrementAndGet()).subscribe(v -> { }, e -> { });
        return Mono.just(handler);
      };
      channel = RSocketServer.create(acceptor)
          .payloadDecoder(PayloadDecoder.ZERO_COPY)
          .bind(TcpServerTransport.create(TcpServer.create().host(host).port(port).runOn(loops)))
          .block(Duration.ofSeconds(30));
    }

    @Override
    public int port() {
      return channel.address().getPort();
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
      pushPayload = payload;
      for (PushStream s : streams) {
        s.drain();
      }
    }

    @Override
    public long stopPush() {
      pushPayload = null;
      return pushed.sum();
    }

    @Override
    public void close() {
      pushPayload = null;
      channel.dispose();
      channel.onClose().block(Duration.ofSeconds(5));
      loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }

    /** Emits only against the subscriber's outstanding credit (standard work-in-progress drain loop). */
    final class PushStream {
      final FluxSink<Payload> sink;
      final AtomicLong requested = new AtomicLong();
      final AtomicInteger wip = new AtomicInteger();
      volatile boolean cancelled;

      PushStream(FluxSink<Payload> sink) {
        this.sink = sink;
      }

      void request(long n) {
        requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        drain();
      }

      void drain() {
        if (wip.getAndIncrement() != 0) {
          return;
        }
        int missed = 1;
        do {
          long n = 0;
          byte[] p;
          while (!cancelled && (p = pushPayload) != null && requested.get() > 0) {
            requested.decrementAndGet();
            sink.next(DefaultPayload.create(p));
            n++;
          }
          pushed.add(n);
          missed = wip.addAndGet(-missed);
        } while (missed != 0);
      }
    }
  }

  // ---------------------------------------------------------------- client

  private static List<RSocket> openSockets(LoopResources loops, String host, int port, int n) throws Exception {
    TcpClient tcp = TcpClient.newConnection().host(host).port(port).runOn(loops);
    RSocketConnector connector = RSocketConnector.create().payloadDecoder(PayloadDecoder.ZERO_COPY);
    return Connects.openAll(n, i -> connector.connect(TcpClientTransport.create(tcp)).toFuture());
  }

  private static void closeAll(LoopResources loops, List<RSocket> sockets) {
    if (sockets != null) {
      for (RSocket s : sockets) {
        s.dispose();
      }
    }
    loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
  }

  @Override
  public Client connect(String host, int port, int connections, int ioThreads) throws Exception {
    LoopResources loops = LoopResources.create("rsocket-client", ioThreads, true);
    List<RSocket> sockets;
    try {
      sockets = openSockets(loops, host, port, connections);
    } catch (Exception e) {
      closeAll(loops, null);
      throw e;
    }
    RSocket[] rs = sockets.toArray(RSocket[]::new);
    AtomicInteger next = new AtomicInteger();
    return new Client() {
      @Override
      public CompletableFuture<byte[]> call(byte[] payload) {
        return call(next.getAndIncrement() & Integer.MAX_VALUE, payload);
      }

      @Override
      public CompletableFuture<byte[]> call(int caller, byte[] payload) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        rs[caller % rs.length].requestResponse(DefaultPayload.create(payload)).subscribe(p -> {
          byte[] b = bytes(p);
          p.release();
          f.complete(b);
        }, f::completeExceptionally, () -> {
          if (!f.isDone()) {
            f.completeExceptionally(new IllegalStateException("empty response"));
          }
        });
        return f;
      }

      @Override
      public void close() {
        closeAll(loops, sockets);
      }
    };
  }

  @Override
  public PushSessions openPushSessions(String host, int port, int sessions, int ioThreads, LongAdder delivered)
      throws Exception {
    LoopResources loops = LoopResources.create("rsocket-push-client", ioThreads, true);
    List<RSocket> sockets;
    try {
      sockets = openSockets(loops, host, port, sessions);
    } catch (Exception e) {
      closeAll(loops, null);
      throw e;
    }
    for (RSocket s : sockets) {
      s.requestStream(DefaultPayload.create(new byte[0]))
          .limitRate(PUSH_CREDIT)
          .subscribe(p -> {
            p.release();
            delivered.increment();
          }, e -> { });
    }
    return () -> closeAll(loops, sockets);
  }
}
