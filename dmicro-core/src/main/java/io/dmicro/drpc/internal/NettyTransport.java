package io.dmicro.drpc.internal;

import io.dmicro.drpc.SocketOptions;
import io.dmicro.drpc.plugin.AfterAccept;
import io.dmicro.drpc.plugin.AfterDial;
import io.dmicro.drpc.plugin.AfterDialFail;
import io.dmicro.drpc.plugin.AfterListen;
import io.dmicro.drpc.plugin.BeforeDial;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
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
    private Engine engine;

    public NettyTransport(int ioThreads) {
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("drpc-accept", true), NioIoHandler.newFactory());
        this.ioGroup = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("drpc-io", true), NioIoHandler.newFactory());
    }

    public void bind(Engine engine) {
        this.engine = engine;
    }

    public EventLoopGroup ioGroup() {
        return ioGroup;
    }

    /** Binds a TCP listener; returns the bound address (the real port when 0 was asked). */
    public SocketAddress listen(SocketAddress address, Proto proto) {
        ServerBootstrap b = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        applyOptions(ch);
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
                    }
                });
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new DrpcException(Status.withCause(Status.WRONG_CONN, "cannot listen on " + Addresses.format(address) + ": "
                    + f.cause().getMessage()), f.cause());
        }
        Channel ch = f.channel();
        SocketAddress bound = ch.localAddress();
        try {
            for (AfterListen hook : engine.plugins.hooks(AfterListen.class)) {
                hook.afterListen(bound);
            }
        } catch (RuntimeException e) {
            ch.close().awaitUninterruptibly();
            throw e;
        }
        listeners.add(ch);
        log.info("drpc listening on {} ({})", Addresses.format(bound), proto.name());
        return bound;
    }

    private void accepted(DefaultSession session) {
        session.assignDefaultId();
        if (engine.closing()) {
            session.channel().close();
            return;
        }
        if (engine.plugins.hooks(AfterAccept.class).isEmpty()) {
            session.open(() -> { });
            return;
        }
        engine.handlerExecutor.execute(() -> {
            Status s = Hooks.run(engine.plugins, AfterAccept.class, h -> h.afterAccept(session));
            if (s.isOk()) {
                session.open(() -> { });
            } else {
                log.info("session {} refused by AfterAccept: {}", session.id(), s);
                session.channel().close();
            }
        });
    }

    /** Dials with retries (reference §12.1), runs the AfterDial hooks, and returns the open session. */
    public DefaultSession dial(String address, SocketAddress remote, Proto proto) {
        Status before = Hooks.run(engine.plugins, BeforeDial.class, h -> h.beforeDial(address, false));
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
            Status s = Hooks.run(engine.plugins, AfterDial.class, h -> h.afterDial(session, false));
            if (s.isOk()) {
                java.util.concurrent.CompletableFuture<Void> opened = new java.util.concurrent.CompletableFuture<>();
                session.open(() -> opened.complete(null));
                opened.join();
                return session;
            }
            last = s.toException();
            ch.close().awaitUninterruptibly();
            if (retries < 0 && engine.closing()) {
                break;
            }
        }
        Throwable cause = last;
        Hooks.runLogged(engine.plugins, AfterDialFail.class, h -> h.afterDialFail(address, cause, false));
        throw new DrpcException(Status.withCause(Status.DIAL_FAILED, "cannot dial " + address + ": "
                + (cause == null ? "unknown" : cause.getMessage())), cause);
    }

    /** Redials a broken session (reference §12.2); returns the fresh channel, or null when every attempt failed. */
    @Nullable Channel redial(DefaultSession session, String address) {
        SocketAddress remote = Addresses.parse(address).socketAddress();
        int retries = engine.config.redialTimes();
        Throwable last = null;
        for (int attempt = 0; (retries < 0 || attempt < retries) && !engine.closing() && session.keepsRedialing(); attempt++) {
            if (attempt > 0 && !session.pauseBeforeRedial(engine.config.redialPause(attempt))) {
                break; // the session was closed: redialing ends for good (sofa-rpc#1052)
            }
            Status before = Hooks.run(engine.plugins, BeforeDial.class, h -> h.beforeDial(address, true));
            if (!before.isOk()) {
                log.info("BeforeDial returned {} for a redial of {}; redialing anyway", before, address);
            }
            Channel ch;
            try {
                ch = connect(remote, c -> DrpcChannelInitializer.init(c, engine, session.proto, session));
            } catch (RuntimeException e) {
                last = e;
                continue;
            }
            if (!session.prepareChannel(ch)) {
                ch.close().awaitUninterruptibly();
                break;
            }
            Status s = Hooks.run(engine.plugins, AfterDial.class, h -> h.afterDial(session, true));
            if (s.isOk()) {
                return ch;
            }
            // a failing handshake is one failed attempt, never the end of redialing (andeya/erpc#86)
            last = s.toException();
            session.redialAttemptFailed();
            ch.close().awaitUninterruptibly();
        }
        Throwable cause = last;
        Hooks.runLogged(engine.plugins, AfterDialFail.class, h -> h.afterDialFail(address, cause == null
                ? new IllegalStateException("redialing ended: the session or the endpoint was closed") : cause, true));
        return null;
    }


    private Channel connect(SocketAddress remote, java.util.function.Consumer<Channel> init) {
        Duration timeout = engine.config.dialTimeout();
        Bootstrap b = new Bootstrap()
                .group(ioGroup)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        applyOptions(ch);
                        init.accept(ch);
                    }
                });
        ChannelFuture f = b.connect(remote);
        if (!f.awaitUninterruptibly(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS) || !f.isSuccess()) {
            f.channel().close();
            Throwable cause = f.cause();
            throw new DrpcException(Status.withCause(Status.DIAL_FAILED, "connect to " + Addresses.format(remote) + " failed: "
                    + (cause == null ? "timed out" : cause.getMessage())), cause);
        }
        return f.channel();
    }

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
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64 * 1024, 1024 * 1024));
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
    }
}
