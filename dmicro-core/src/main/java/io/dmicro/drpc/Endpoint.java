package io.dmicro.drpc;

import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.internal.Engine;
import io.dmicro.drpc.internal.EngineConfig;
import io.dmicro.drpc.internal.HandlerExecutors;
import io.dmicro.drpc.internal.NettyTransport;
import io.dmicro.drpc.internal.SessionHub;
import io.dmicro.drpc.plugin.Hooks;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.plugin.PluginContainer;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.router.Router;
import io.dmicro.drpc.session.Session;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The front door of drpc: one object that both listens and dials. Once a connection exists, both
 * ends hold a {@link Session} and use the same API to call and push to each other.
 *
 * <pre>{@code
 * Endpoint server = Endpoint.create();
 * server.router().routeCall(new MathService());          // /math/add, ...
 * SocketAddress bound = server.listen("tcp://127.0.0.1:0");
 *
 * Endpoint client = Endpoint.create();
 * Session s = client.dial("127.0.0.1:" + ((InetSocketAddress) bound).getPort());
 * int sum = s.callSync("/math/add", new Args(1, 2), Integer.class);
 * }</pre>
 */
public final class Endpoint implements AutoCloseable {

    private final EndpointConfig config;
    private final PluginContainer plugins;
    private final Router router;
    private final SessionHub hub = new SessionHub();
    private final NettyTransport transport;
    private final ExecutorService handlerExecutor;
    private final boolean ownsExecutor;
    private final Engine engine;
    private final Instant startTime = Instant.now();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();

    private Endpoint(EndpointConfig initial) {
        PluginContainer container = new PluginContainer();
        container.appendLeft(initial.plugins().toArray(Plugin[]::new));
        EndpointConfig.Builder builder = initial.toBuilder();
        Hooks.setUp(container, BeforeNewEndpoint.class, h -> h.beforeNewEndpoint(builder, container));
        this.config = builder.build();
        this.plugins = container;
        this.router = new Router(container, config.mapper());
        this.ownsExecutor = config.handlerExecutor() == null;
        this.handlerExecutor = ownsExecutor ? HandlerExecutors.newDefault(!Boolean.FALSE.equals(config.virtualThreads())) : config.handlerExecutor();
        this.transport = new NettyTransport(config.ioThreads());
        this.engine = new Engine(engineConfig(config), router, plugins, hub, handlerExecutor, transport);
        transport.bind(engine);
        try {
            Hooks.setUp(container, AfterNewEndpoint.class, h -> h.afterNewEndpoint(this));
        } catch (RuntimeException e) {
            shutdownResources();
            throw e;
        }
    }

    private static EngineConfig engineConfig(EndpointConfig c) {
        return new EngineConfig(c.callTimeout(), c.sessionAge(), c.dialTimeout(), c.redialTimes(), c.redialInterval(),
                c::redialPause, c.maxMessageSize(), c.maxPendingWriteBytes(), c.codecs(), c.defaultBodyCodec(), c.filters(),
                c.socketOptions(), DrpcDefaults.CLOSE_DRAIN_TIMEOUT, c.handshakeTimeout(), c.frameTimeout(), c.tlsContexts(), c.exposeErrorDetails(),
                c.contextAge().toNanos(), c.sendDeadlines(), c.maxBatchSize(), c.httpOptions());
    }

    /** An endpoint with every default. */
    public static Endpoint create() {
        return create(EndpointConfig.builder().build());
    }

    public static Endpoint create(EndpointConfig config) {
        return new Endpoint(config);
    }

    /**
     * Listens on a URI; port 0 picks a free one. Returns the bound address. Schemes:
     * {@code tcp://host:port} (also {@code tcp4://}, {@code tcp6://[::]:port}, {@code host:port}),
     * {@code unix:///path}, {@code tls://}, {@code ws://host:port/path}, {@code wss://}; query
     * options such as {@code ?proto=jsonrpc} or port sharing with {@code ?protos=raw,http,jsonrpc,ws}
     * are described in the README (Transports and URI schemes, One port for everything).
     */
    public SocketAddress listen(String address) {
        return listen(address, config.proto());
    }

    public SocketAddress listen(String address, Proto proto) {
        checkOpen();
        return transport.listen(io.dmicro.drpc.transport.TransportAddress.parse(address), proto);
    }

    /**
     * Dials a peer at {@code host:port} or any listen-URI scheme ({@code unix:///path},
     * {@code tls://host:port?ca=…}, {@code ws://host:port/path}; {@code ?proto=name} picks the
     * proto), retrying per the redial settings; blocks until the session is open.
     */
    public Session dial(String address) {
        String proto = io.dmicro.drpc.transport.TransportUri.parse(address).param("proto");
        return dial(address, proto == null || proto.isEmpty() ? config.proto()
                : BuiltInProtos.with(config.proto(), config.httpOptions()).require(proto));
    }

    public Session dial(String address, Proto proto) {
        checkOpen();
        io.dmicro.drpc.transport.TransportUri target = io.dmicro.drpc.transport.TransportUri.parse(address);
        // plain TCP keeps the original's host:port form, which hooks and session ids show
        boolean plainTcp = target.scheme().startsWith("tcp") && target.params().isEmpty();
        String canonical = plainTcp ? target.host() + ":" + target.port() : target.toString();
        return transport.dial(canonical, new io.dmicro.drpc.transport.TransportAddress(target), proto);
    }

    /** Dials without blocking the caller. */
    public CompletableFuture<Session> dialAsync(String address) {
        return CompletableFuture.supplyAsync(() -> dial(address), handlerExecutor);
    }

    public Router router() {
        return router;
    }

    public PluginContainer plugins() {
        return plugins;
    }

    public EndpointConfig config() {
        return config;
    }

    /**
     * The open session showing {@code id}; when several show it (see {@link Session#setId}), the
     * newest to take it.
     */
    public Optional<Session> session(String id) {
        return Optional.ofNullable(hub.get(id));
    }

    /** Every open session showing {@code id}, oldest first. */
    public List<Session> sessions(String id) {
        return hub.withId(id);
    }

    public Collection<Session> sessions() {
        return hub.all();
    }

    public int sessionCount() {
        return hub.size();
    }

    /** The addresses of the open listeners. */
    public List<SocketAddress> listenAddresses() {
        return transport.listenAddresses();
    }

    /** Proto bytes received over all connections since the endpoint started. */
    public long bytesReceived() {
        return engine.bytesReceived();
    }

    /** Proto bytes written to all connections since the endpoint started. */
    public long bytesSent() {
        return engine.bytesSent();
    }

    public Instant startTime() {
        return startTime;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Stops accepting new connections; open sessions go on. The first step of a graceful shutdown. */
    public void stopAccepting() {
        transport.closeListeners();
    }

    /** Closes gracefully with the default drain timeout and waits. */
    @Override
    public void close() {
        closeGracefully(DrpcDefaults.CLOSE_DRAIN_TIMEOUT).join();
    }

    /**
     * Stops accepting, closes every session gracefully (running handlers finish, calls waiting for
     * replies get them, bounded by {@code drainTimeout}), then releases threads.
     */
    public CompletableFuture<Void> closeGracefully(Duration drainTimeout) {
        if (!closed.compareAndSet(false, true)) {
            return closeFuture;
        }
        Hooks.announce(plugins, BeforeCloseEndpoint.class, h -> h.beforeCloseEndpoint(this));
        engine.markClosing();
        transport.closeListeners();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Session s : hub.all()) {
            closing.add(s.close(drainTimeout));
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).whenComplete((v, error) -> {
            Hooks.announce(plugins, AfterCloseEndpoint.class, h -> h.afterCloseEndpoint(this, error));
            new Thread(() -> {
                shutdownResources();
                closeFuture.complete(null);
            }, "drpc-endpoint-shutdown").start();
        });
        return closeFuture;
    }

    private void shutdownResources() {
        transport.shutdown();
        if (ownsExecutor) {
            handlerExecutor.shutdown();
            try {
                handlerExecutor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("endpoint is closed");
        }
    }
}
