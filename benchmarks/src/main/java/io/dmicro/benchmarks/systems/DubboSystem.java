package io.dmicro.benchmarks.systems;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.dubbo.common.Version;
import org.apache.dubbo.common.resource.GlobalResourceInitializer;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.remoting.RemotingServer;
import org.apache.dubbo.remoting.exchange.PortUnificationExchanger;
import org.apache.dubbo.remoting.transport.netty4.NettyEventLoopFactory;
import org.apache.dubbo.rpc.ProtocolServer;
import org.apache.dubbo.rpc.model.FrameworkModel;
import org.apache.dubbo.rpc.protocol.dubbo.DubboProtocol;

/**
 * Apache Dubbo through its Spring-free API ({@link DubboBootstrap}, {@link ServiceConfig},
 * {@link ReferenceConfig}), no registry: the client dials the server's direct URL. The service is a
 * plain Java interface whose methods return {@link CompletableFuture} (Dubbo's asynchronous
 * service and consumer style), so a caller's next call is issued from the completion callback.
 *
 * <p>Configured as Dubbo's docs advise for throughput: the netty4 transport, fastjson2
 * serialization (the default since Dubbo 3.2, ahead of hessian2), the default filter chain off
 * ({@code filter=-default}), no QoS server, the given number of I/O threads on each side. The echo
 * handler does no I/O and finishes at once, which the thread-model docs say runs fastest on the
 * I/O thread: {@code dispatcher=direct} on both sides for {@code dubbo-bytes}; Triple has no
 * dispatcher (its server hands every call to a thread pool, its client every completion), so
 * {@code dubbo-tri} names the {@link DubboInlineThreadPool} on both sides, to the same effect (gRPC's
 * {@code directExecutor()} and drpc's {@code @NonBlocking} are their partners). {@code dubbo-pojo}
 * keeps Dubbo's default thread model (dispatcher {@code all}, the fixed 200-thread pool), the path
 * users take, like drpc-json.
 *
 * <p>Dubbo reads any 127.x host as "no address given" (see {@link #loopbackName}), so the
 * loopback address is handed to it in a form it does not recognise.
 */
public final class DubboSystem implements BenchSystem {

  /** The echo service; {@code echo} for byte[] bodies, {@code echoBody} for the record body. */
  public interface EchoService {
    CompletableFuture<byte[]> echo(byte[] body);

    CompletableFuture<EchoBody> echoBody(EchoBody body);
  }

  /** The same fields as drpc-json's body. */
  public record EchoBody(long id, String name, byte[] data) implements Serializable {
  }

  static final class EchoImpl implements EchoService {
    @Override
    public CompletableFuture<byte[]> echo(byte[] body) {
      return CompletableFuture.completedFuture(body);
    }

    @Override
    public CompletableFuture<EchoBody> echoBody(EchoBody body) {
      return CompletableFuture.completedFuture(body);
    }
  }

  private static final String SERIALIZATION = "fastjson2";
  private static final int TIMEOUT_MS = 60_000;

  static {
    // Dubbo takes epoll only when asked; the other systems use it whenever its native library loads.
    System.setProperty("netty.epoll.enable", Boolean.toString(NettyIo.epoll()));
    System.setProperty("dubbo.application.logger", System.getProperty("dubbo.application.logger", "slf4j"));
  }

  private final String name;
  private final String protocol;
  private final boolean pojo;
  private final boolean direct;

  private DubboSystem(String name, String protocol, boolean pojo, boolean direct) {
    this.name = name;
    this.protocol = protocol;
    this.pojo = pojo;
    this.direct = direct;
  }

  /** dubbo protocol, byte[] body, handler and response on the I/O thread. */
  public static DubboSystem bytes() {
    return new DubboSystem("dubbo-bytes", "dubbo", false, true);
  }

  /** dubbo protocol, record body, Dubbo's default thread model (the users' path). */
  public static DubboSystem pojo() {
    return new DubboSystem("dubbo-pojo", "dubbo", true, false);
  }

  /** Triple (gRPC-compatible HTTP/2), byte[] body, handler and response on the I/O thread. */
  public static DubboSystem tri() {
    return new DubboSystem("dubbo-tri", "tri", false, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String family() {
    return "dubbo";
  }

  @Override
  public String codec() {
    return pojo ? "json" : "bytes";
  }

  @Override
  public String description() {
    boolean tri = protocol.equals("tri");
    String threads = !direct ? "default thread model (dispatcher all, fixed pool of 200)"
        : tri ? "threadpool=inline on both sides (a Dubbo ThreadPool extension running each task on the calling"
            + " thread: handler and completions on the I/O thread; Triple ignores dispatcher)"
            : "dispatcher=direct on both sides (handler and completions on the I/O thread)";
    return "Apache Dubbo " + Version.getVersion() + " (Spring-free API: DubboBootstrap, ServiceConfig, ReferenceConfig;"
        + " no registry, direct URL to 127.0.0.1; netty4 on our Netty, " + NettyIo.transportName() + "), "
        + (tri ? "Triple protocol (HTTP/2, non-IDL interface wrapped)" : "dubbo protocol") + ", " + SERIALIZATION
        + " serialization, " + (pojo ? "record body (long, String, byte[])" : "byte[] body")
        + ", CompletableFuture service method, filter=-default, " + threads
        + (tri ? "; one connection per address (Triple's client shares it)" : "");
  }

  @Override
  public boolean supportsConnections(int connections) {
    return connections == 1 || !protocol.equals("tri");
  }

  @Override
  public String notApplicable(String workload) {
    if (workload.equals("push")) {
      return protocol.equals("tri")
          ? "Triple's server stream has no outbound readiness signal in Dubbo 3.3 (CallStreamObserver offers only"
              + " request() and disableAutoFlowControl() for inbound), so a flow-controlled pusher cannot be built"
          : "the dubbo protocol has no server push; its streaming is Triple's, and parameter callbacks are"
              + " server-to-client calls without flow control";
    }
    if (workload.equals("idle") && protocol.equals("tri")) {
      return "Dubbo's Triple client keeps one shared connection per address, so N sessions cannot be opened from"
          + " one client";
    }
    return null;
  }

  // ---------------------------------------------------------------- server

  @Override
  public Server startServer(String host, int port, int ioThreads) throws Exception {
    int p = port != 0 ? port : freePort(host);
    FrameworkModel framework = new FrameworkModel();
    ProtocolConfig pc = new ProtocolConfig(protocol, p);
    pc.setHost(loopbackName(host));
    pc.setIothreads(ioThreads);
    pc.setSerialization(SERIALIZATION);
    pc.setPayload(16 << 20);
    if (direct && protocol.equals("tri")) {
      pc.setThreadpool(DubboInlineThreadPool.NAME);
    } else if (direct) {
      pc.setDispatcher("direct");
    }
    ServiceConfig<EchoService> svc = new ServiceConfig<>();
    svc.setInterface(EchoService.class);
    svc.setRef(new EchoImpl());
    svc.setFilter("-default");
    DubboBootstrap b = DubboBootstrap.newInstance(framework)
        .application(application(name + "-server"))
        .registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE))
        .protocol(pc)
        .service(svc);
    b.start();
    return new DubboServer(b, framework, p);
  }

  /**
   * Dubbo takes any 127.x host for "no address given": its server then binds the wildcard address
   * and its clients dial the machine's first non-loopback address (NetUtils.isInvalidLocalHost and
   * filterLocalHost), and no setting overrides that (DUBBO_IP_TO_BIND rejects 127.x). Every other
   * system runs on 127.0.0.1 only, so the loopback address is handed to Dubbo in the one-number
   * form of an IPv4 literal ({@code 2130706433} for 127.0.0.1), which InetAddress parses to the
   * same address and Dubbo does not recognise as local.
   */
  static String loopbackName(String host) throws UnknownHostException {
    InetAddress a = InetAddress.getByName(host);
    if (!(a instanceof Inet4Address) || !a.isLoopbackAddress()) {
      return host;
    }
    byte[] b = a.getAddress();
    return Long.toString(((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
  }

  private static ApplicationConfig application(String name) {
    ApplicationConfig a = new ApplicationConfig(name);
    a.setQosEnable(false);
    a.setSerializeCheckStatus("DISABLE");
    return a;
  }

  private static int freePort(String host) throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  final class DubboServer implements Server {
    final DubboBootstrap bootstrap;
    final FrameworkModel framework;
    final int port;

    DubboServer(DubboBootstrap bootstrap, FrameworkModel framework, int port) {
      this.bootstrap = bootstrap;
      this.framework = framework;
      this.port = port;
    }

    @Override
    public int port() {
      return port;
    }

    @Override
    public int sessionCount() {
      int n = 0;
      if (protocol.equals("dubbo")) {
        for (ProtocolServer s : DubboProtocol.getDubboProtocol(framework).getServers()) {
          n += s.getRemotingServer().getChannels().size();
        }
      } else {
        for (RemotingServer s : PortUnificationExchanger.getServers().values()) {
          if (s.getUrl().getPort() == port) {
            n += s.getChannels().size();
          }
        }
      }
      return n;
    }

    @Override
    public void close() {
      bootstrap.stop();
      framework.destroy();
    }
  }

  // ---------------------------------------------------------------- client

  @Override
  public Client connect(String host, int port, int connections, int ioThreads) throws Exception {
    clientIoThreads(ioThreads);
    FrameworkModel framework = new FrameworkModel();
    ReferenceConfig<EchoService> ref = new ReferenceConfig<>();
    ref.setInterface(EchoService.class);
    ref.setUrl(protocol + "://" + loopbackName(host) + ":" + port);
    ref.setTimeout(TIMEOUT_MS);
    ref.setRetries(0);
    ref.setFilter("-default");
    ref.setCheck(true);
    Map<String, String> params = new HashMap<>();
    params.put("serialization", SERIALIZATION);
    params.put("payload", Integer.toString(16 << 20));
    // Dubbo's default of 3 s covers Triple's HTTP/2 preface too, which a cold JVM on shared cores overruns.
    params.put("connect.timeout", Integer.toString(TIMEOUT_MS));
    if (direct && protocol.equals("tri")) {
      params.put("threadpool", DubboInlineThreadPool.NAME);
    } else if (direct) {
      params.put("dispatcher", "direct");
    }
    ref.setParameters(params);
    if (protocol.equals("dubbo")) {
      ref.setConnections(connections);
    }
    DubboBootstrap b = DubboBootstrap.newInstance(framework)
        .application(application(name + "-client"))
        .reference(ref);
    try {
      b.start();
      EchoService service = ref.get();
      return pojo ? new DubboClient<>(b, framework, p -> service.echoBody(new EchoBody(42L, "bench-echo", p)),
          EchoBody::data) : new DubboClient<>(b, framework, service::echo, Function.identity());
    } catch (RuntimeException e) {
      closeClient(b, framework);
      throw e;
    }
  }

  /**
   * Dubbo's client event loops are one process-wide group per transport, sized min(cores + 1, 32)
   * and not configurable; the harness gives every system {@code --io-threads} on each side, so the
   * group is installed here, before Dubbo's first client creates its own.
   */
  private static synchronized void clientIoThreads(int ioThreads) throws Exception {
    install(NettyEventLoopFactory.NIO_EVENT_LOOP_GROUP, ioThreads, "DubboTriClientWorker");
    Field f = org.apache.dubbo.remoting.transport.netty4.NettyClient.class.getDeclaredField("EVENT_LOOP_GROUP");
    f.setAccessible(true);
    install((GlobalResourceInitializer<?>) f.get(null), ioThreads, "DubboClientWorker");
  }

  @SuppressWarnings("unchecked")
  private static void install(GlobalResourceInitializer<?> holder, int threads, String threadName) throws Exception {
    Field ref = org.apache.dubbo.common.concurrent.CallableSafeInitializer.class.getDeclaredField("reference");
    ref.setAccessible(true);
    AtomicReference<Object> r = (AtomicReference<Object>) ref.get(holder);
    if (r.get() == null) {
      EventLoopGroup g = NettyEventLoopFactory.eventLoopGroup(threads, threadName);
      if (!r.compareAndSet(null, g)) {
        g.shutdownGracefully();
      }
    }
    if (r.get() instanceof EventLoopGroup g && !CLIENT_LOOPS.contains(g)) {
      CLIENT_LOOPS.add(g);
    }
  }

  /** The process-wide client event-loop groups, which outlive every client. */
  private static final List<EventLoopGroup> CLIENT_LOOPS = new CopyOnWriteArrayList<>();

  /**
   * Stops a client, then destroys its framework once the shared event loops have run what the stop
   * queued: a connection's close queues its inactive event, whose handlers read the framework, and
   * a destroyed framework throws there. Two rounds of no-op tasks on every loop come after both.
   */
  private static void closeClient(DubboBootstrap bootstrap, FrameworkModel framework) {
    bootstrap.stop();
    for (int round = 0; round < 2; round++) {
      for (EventLoopGroup g : CLIENT_LOOPS) {
        for (EventExecutor e : g) {
          e.submit(() -> { }).syncUninterruptibly();
        }
      }
    }
    framework.destroy();
  }

  final class DubboClient<T> implements Client {
    final DubboBootstrap bootstrap;
    final FrameworkModel framework;
    final Function<byte[], CompletableFuture<T>> send;
    final Function<T, byte[]> unwrap;

    DubboClient(DubboBootstrap bootstrap, FrameworkModel framework, Function<byte[], CompletableFuture<T>> send,
        Function<T, byte[]> unwrap) {
      this.bootstrap = bootstrap;
      this.framework = framework;
      this.send = send;
      this.unwrap = unwrap;
    }

    /** Dubbo's invoker spreads calls over its connections round robin; it has no per-caller choice. */
    @Override
    public CompletableFuture<byte[]> call(byte[] payload) {
      return send.apply(payload).thenApply(unwrap);
    }

    @Override
    public void close() {
      closeClient(bootstrap, framework);
    }
  }
}
