package io.dmicro.drpc.internal;

import io.dmicro.drpc.plugin.AfterAccept;
import io.dmicro.drpc.plugin.AfterDial;
import io.dmicro.drpc.plugin.AfterDialFail;
import io.dmicro.drpc.plugin.AfterListen;
import io.dmicro.drpc.plugin.BeforeDial;
import io.dmicro.drpc.plugin.Hooks;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.transport.SocketOptions;
import io.dmicro.drpc.transport.TransportUri;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens listeners and dials connections over TCP for one endpoint, with the handshake hooks around them. */
public final class NettyTransport {

    private static final Logger log = LoggerFactory.getLogger(NettyTransport.class);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup ioGroup;
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final int ioThreads;
    private @Nullable EventLoopGroup epollAcceptGroup;
    private @Nullable EventLoopGroup epollIoGroup;
    private Engine engine;

    public NettyTransport(int ioThreads) {
        this.ioThreads = ioThreads;
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("drpc-accept", true), NioIoHandler.newFactory());
        this.ioGroup = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("drpc-io", true), NioIoHandler.newFactory());
    }

    public void bind(Engine engine) {
        this.engine = engine;
    }

    public EventLoopGroup ioGroup() {
        return ioGroup;
    }

    /**
     * Binds a listener; returns the bound address (the real port when 0 was asked). A
     * {@link io.dmicro.drpc.transport.TransportAddress} chooses the network and the layers (TLS,
     * WebSocket, port sharing); any other address is plain TCP.
     */
    public SocketAddress listen(SocketAddress address, Proto proto) {
        TransportUri uri = io.dmicro.drpc.transport.TransportAddress.of(address).uri();
        String reusePort = uri.param(io.dmicro.drpc.transport.tcp.ReusePort.OPTION);
        if ("true".equalsIgnoreCase(reusePort) && !(io.dmicro.drpc.transport.Transports.defaults().require(uri.scheme())
                instanceof io.dmicro.drpc.transport.tcp.TcpTransport)) {
            throw new IllegalArgumentException("reusePort applies to TCP listeners (tcp, tls, ws, wss), not " + uri.scheme() + "://");
        }
        io.dmicro.drpc.internal.transport.ListenerPipeline layers = new io.dmicro.drpc.internal.transport.ListenerPipeline(
                io.dmicro.drpc.internal.transport.ListenOptions.of(uri, proto, engine.config.maxMessageSize(), engine.config.tlsContexts(),
                        engine.config.httpOptions()));
        io.dmicro.drpc.transport.Transport network = io.dmicro.drpc.transport.Transports.defaults().require(uri.scheme());
        io.netty.util.concurrent.Future<Channel> f = network.bind(uri, transportContext(), new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                applyOptions(ch);
                HandshakeDeadline.arm(ch, engine.config.handshakeTimeout());
                layers.init(ch, new io.dmicro.drpc.internal.transport.SessionInstaller() {
                    @Override
                    public void install(Channel c, Proto proto, boolean replayActive) {
                        installAccepted(c, proto, replayActive);
                    }

                    @Override
                    public Status beforeWebSocketHandshake(io.dmicro.drpc.plugin.WebSocketHandshake handshake) {
                        return Hooks.check(engine.plugins, io.dmicro.drpc.plugin.BeforeWebSocketHandshake.class,
                                h -> h.beforeWebSocketHandshake(handshake));
                    }
                });
            }
        }).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new DrpcException(Status.withCause(Status.WRONG_CONN, "cannot listen on " + uri.redacted() + ": "
                    + f.cause().getMessage()), f.cause());
        }
        Channel ch = f.getNow();
        SocketAddress bound = ch.localAddress();
        try {
            Hooks.setUp(engine.plugins, AfterListen.class, h -> h.afterListen(bound));
        } catch (RuntimeException e) {
            ch.close().awaitUninterruptibly();
            throw e;
        }
        listeners.add(ch);
        log.info("drpc listening on {} ({})", uri.scheme() + "://" + Addresses.format(bound), layers.options().describe());
        return bound;
    }

    /**
     * Puts an accepted connection's proto and session handlers in place; the session opens when
     * the channel is active. When the layers below decided late (port sharing, a WebSocket
     * handshake) the channel is active already, so the activation is replayed to the new handlers.
     */
    private void installAccepted(Channel ch, Proto proto, boolean replayActive) {
        io.netty.channel.ChannelHandlerContext before = ch.pipeline().lastContext();
        DefaultSession session = new DefaultSession(engine, ch, false, null, proto);
        DrpcChannelInitializer.init(ch, engine, proto, session);
        ch.pipeline().addLast("accept", new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(io.netty.channel.ChannelHandlerContext ctx) {
                ctx.pipeline().remove(this);
                accepted(session);
                ctx.fireChannelActive();
            }
        });
        if (replayActive) {
            if (before != null) {
                before.fireChannelActive();
            } else {
                ch.pipeline().fireChannelActive();
            }
        }
    }

    private io.dmicro.drpc.transport.TransportContext transportContext() {
        return new io.dmicro.drpc.transport.TransportContext(bossGroup, ioGroup, engine.config.socketOptions(),
                engine.config.dialTimeout(), engine.config.maxMessageSize(), nativeLoops);
    }

    /** Epoll loops beside the NIO ones, made when the first TCP channel on the native transport opens. */
    private final io.dmicro.drpc.transport.NativeEventLoops nativeLoops = new io.dmicro.drpc.transport.NativeEventLoops() {
        @Override
        public EventLoopGroup acceptGroup() {
            synchronized (NettyTransport.this) {
                if (epollAcceptGroup == null) {
                    epollAcceptGroup = io.dmicro.drpc.transport.tcp.ReusePort.newGroup(1, "drpc-accept-epoll");
                }
                return epollAcceptGroup;
            }
        }

        @Override
        public EventLoopGroup ioGroup() {
            synchronized (NettyTransport.this) {
                if (epollIoGroup == null) {
                    epollIoGroup = io.dmicro.drpc.transport.tcp.ReusePort.newGroup(ioThreads, "drpc-io-epoll");
                }
                return epollIoGroup;
            }
        }
    };

    private void accepted(DefaultSession session) {
        session.assignDefaultId();
        if (engine.closing()) {
            session.channel().close();
            return;
        }
        session.announce();
        if (engine.plugins.hooks(AfterAccept.class).isEmpty()) {
            session.open(() -> { });
            return;
        }
        // a hook that starts by receiving (auth) gets its message first, waited for without a thread
        Duration wait = Duration.ZERO;
        for (AfterAccept hook : engine.plugins.hooks(AfterAccept.class)) {
            if (hook instanceof io.dmicro.drpc.plugin.AwaitsPeerMessage a && a.peerMessageTimeout().compareTo(wait) > 0) {
                wait = a.peerMessageTimeout();
            }
        }
        java.util.concurrent.CompletableFuture<Void> ready = wait.isZero()
                ? java.util.concurrent.CompletableFuture.completedFuture(null) : session.early().peerMessageArrival(wait);
        ready.whenComplete((v, e) -> {
            try {
                engine.handlerExecutor.execute(() -> runAcceptHooks(session));
            } catch (java.util.concurrent.RejectedExecutionException rejected) {
                session.channel().close(); // the endpoint is shutting down
            }
        });
    }

    private void runAcceptHooks(DefaultSession session) {
        Status s = Hooks.check(engine.plugins, AfterAccept.class, h -> h.afterAccept(session));
        if (s.isOk()) {
            session.open(() -> { });
            return;
        }
        log.info("session {} refused by AfterAccept: {}", session.id(), s);
        session.early().refuse(s);
    }

    /** Dials with retries (reference §12.1), runs the AfterDial hooks, and returns the open session. */
    public DefaultSession dial(String address, SocketAddress remote, Proto proto) {
        Status before = Hooks.check(engine.plugins, BeforeDial.class, h -> h.beforeDial(address, false));
        if (!before.isOk()) {
            throw before.toException();
        }
        int retries = engine.config.redialTimes();
        Throwable last = null;
        for (int attempt = 0; retries < 0 || attempt <= retries; attempt++) {
            if (attempt > 0) {
                pause(engine.config.redialInterval());
            }
            DefaultSession[] holder = new DefaultSession[1];
            Channel ch;
            try {
                ch = connect(remote, c -> {
                    holder[0] = new DefaultSession(engine, c, true, address, proto);
                    DrpcChannelInitializer.init(c, engine, proto, holder[0]);
                });
            } catch (RuntimeException e) {
                last = e;
                continue;
            }
            DefaultSession session = holder[0];
            session.assignDefaultId();
            session.announce();
            Status s = Hooks.check(engine.plugins, AfterDial.class, h -> h.afterDial(session, false));
            if (s.isOk()) {
                java.util.concurrent.CompletableFuture<Void> opened = new java.util.concurrent.CompletableFuture<>();
                session.open(() -> opened.complete(null));
                opened.join();
                Status refused = session.verdict().refusal();
                if (refused == null && !session.state().isClosed()) {
                    return session;
                }
                // refused by the peer's AfterAccept (or closed by it) before the dial returned: a failed dial
                last = (refused != null ? refused : Status.withCause(Status.CONN_CLOSED, "the peer closed the connection as it opened"))
                        .toException();
                session.close(Duration.ZERO).join();
                ch.close().awaitUninterruptibly();
                if (refused != null) {
                    break;
                }
                continue;
            }
            last = s.toException();
            ch.close().awaitUninterruptibly();
            if (retries < 0 && engine.closing()) {
                break;
            }
        }
        Throwable cause = last;
        Hooks.notice(engine.plugins, AfterDialFail.class, h -> h.afterDialFail(address, cause, false));
        throw new DrpcException(Status.withCause(Status.DIAL_FAILED, "cannot dial " + TransportUri.redact(address) + ": "
                + why(cause)), cause);
    }

    /** The attempt's failure in words; a 105 of its own is not named twice ("105 Dial Failed: cannot dial ...: 105 Dial Failed: ..."). */
    private static String why(@Nullable Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        if (cause instanceof DrpcException d && d.code() == Status.DIAL_FAILED && d.status().cause() != null) {
            return d.status().cause();
        }
        return String.valueOf(cause.getMessage());
    }

    /** Redials a broken session (reference §12.2); returns the fresh channel, or null when every attempt failed. */
    @Nullable Channel redial(Redialer redialer) {
        DefaultSession session = redialer.session();
        String address = redialer.address();
        SocketAddress remote = io.dmicro.drpc.transport.TransportAddress.parse(address);
        int retries = engine.config.redialTimes();
        Throwable last = null;
        for (int attempt = 0; (retries < 0 || attempt < retries) && !engine.closing() && redialer.keepsRedialing(); attempt++) {
            if (attempt > 0 && !redialer.pause(engine.config.redialPause(attempt))) {
                break; // the session was closed: redialing ends for good (sofa-rpc#1052)
            }
            Status before = Hooks.check(engine.plugins, BeforeDial.class, h -> h.beforeDial(address, true));
            if (!before.isOk()) {
                log.info("BeforeDial returned {} for a redial of {}; redialing anyway", before,
                        TransportUri.redact(address));
            }
            Channel ch;
            try {
                ch = connect(remote, c -> DrpcChannelInitializer.init(c, engine, session.proto, session));
            } catch (RuntimeException e) {
                last = e;
                continue;
            }
            if (!redialer.prepare(ch)) {
                ch.close().awaitUninterruptibly();
                break;
            }
            Status s = Hooks.check(engine.plugins, AfterDial.class, h -> h.afterDial(session, true));
            if (s.isOk()) {
                session.assignDefaultId();
                if (redialer.open(ch)) {
                    return ch;
                }
                // the connection broke before it opened: one failed attempt, not the end (andeya/erpc#56)
                last = Status.withCause(Status.CONN_CLOSED, "connection closed before the redialed session opened").toException();
                ch.close().awaitUninterruptibly();
                continue;
            }
            // a failing handshake is one failed attempt, never the end of redialing (andeya/erpc#86)
            last = s.toException();
            redialer.attemptFailed();
            ch.close().awaitUninterruptibly();
        }
        Throwable cause = last;
        Hooks.notice(engine.plugins, AfterDialFail.class, h -> h.afterDialFail(address, cause == null
                ? new IllegalStateException("redialing ended: the session or the endpoint was closed") : cause, true));
        return null;
    }


    /**
     * Opens a connection through the transport its address names (plain TCP for an IP address)
     * and returns once frames may flow: after the TLS and WebSocket handshakes, if any.
     */
    private Channel connect(SocketAddress remote, java.util.function.Consumer<Channel> init) {
        Duration timeout = engine.config.dialTimeout();
        TransportUri uri = io.dmicro.drpc.transport.TransportAddress.of(remote).uri();
        io.dmicro.drpc.internal.transport.DialPipeline layers = new io.dmicro.drpc.internal.transport.DialPipeline(uri, engine.config.tlsContexts());
        java.util.concurrent.atomic.AtomicReference<io.netty.util.concurrent.Future<Void>> ready = new java.util.concurrent.atomic.AtomicReference<>();
        io.netty.util.concurrent.Future<Channel> f = io.dmicro.drpc.transport.Transports.defaults().require(uri.scheme())
                .connect(uri, transportContext(), new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        applyOptions(ch);
                        ready.set(layers.init(ch, engine.config.maxMessageSize(), timeout));
                        init.accept(ch);
                    }
                });
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        Throwable cause = null;
        if (!f.awaitUninterruptibly(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS) || !f.isSuccess()) {
            cause = f.cause();
        } else {
            io.netty.util.concurrent.Future<Void> handshakes = ready.get();
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (handshakes != null && (!handshakes.awaitUninterruptibly(left, TimeUnit.MILLISECONDS) || !handshakes.isSuccess())) {
                cause = handshakes.cause();
                f.getNow().close();
            } else {
                return f.getNow();
            }
        }
        if (f.isSuccess()) {
            f.getNow().close();
        } else {
            f.cancel(false);
        }
        throw new DrpcException(Status.withCause(Status.DIAL_FAILED, "connect to " + uri.redacted() + " failed: "
                + (cause == null ? "timed out" : cause.getMessage())), cause);
    }

    /** Immutable, so every connection shares one (a channel keeps the one it is given). */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 1024 * 1024);

    private void applyOptions(Channel ch) {
        SocketOptions o = engine.config.socketOptions();
        ch.config().setOption(ChannelOption.TCP_NODELAY, o.noDelay());
        ch.config().setOption(ChannelOption.SO_KEEPALIVE, o.keepAlive());
        if (o.receiveBufferSize() > 0) {
            ch.config().setOption(ChannelOption.SO_RCVBUF, o.receiveBufferSize());
        }
        if (o.sendBufferSize() > 0) {
            ch.config().setOption(ChannelOption.SO_SNDBUF, o.sendBufferSize());
        }
        if (o.keepAlive() && !o.keepAlivePeriod().isZero()) {
            int seconds = (int) Math.max(1, o.keepAlivePeriod().toSeconds());
            if (ch instanceof io.netty.channel.socket.nio.NioSocketChannel) {
                ch.config().setOption(io.netty.channel.socket.nio.NioChannelOption.of(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE), seconds);
                ch.config().setOption(io.netty.channel.socket.nio.NioChannelOption.of(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL), seconds);
            } else {
                io.dmicro.drpc.transport.tcp.NativeTransport.setKeepAlivePeriod(ch, seconds);
            }
        }
        ch.config().setWriteBufferWaterMark(WATER_MARK);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<SocketAddress> listenAddresses() {
        return listeners.stream().map(Channel::localAddress).toList();
    }

    /** Stops accepting: closes every listener. */
    public void closeListeners() {
        for (Channel ch : listeners) {
            ch.close().awaitUninterruptibly();
        }
        listeners.clear();
    }

    public void shutdown() {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        synchronized (this) {
            for (EventLoopGroup g : new EventLoopGroup[] {epollAcceptGroup, epollIoGroup}) {
                if (g != null) {
                    g.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
                }
            }
        }
    }
}
