package io.dmicro.drpc.transport.tcp;

import io.dmicro.drpc.transport.Transport;
import io.dmicro.drpc.transport.TransportContext;
import io.dmicro.drpc.transport.TransportUri;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TCP over IPv4 and IPv6 ({@code tcp}, {@code tcp4}, {@code tcp6}), and the base of the
 * schemes that layer TLS or WebSocket over TCP ({@code tls}, {@code ws}, {@code wss}). On Netty's
 * native epoll transport where it loads ({@link NativeTransport}), NIO elsewhere.
 */
public final class TcpTransport implements Transport {

    @Override
    public List<String> schemes() {
        return List.of("tcp", "tcp4", "tcp6", "tls", "ws", "wss");
    }

    @Override
    public SocketAddress address(TransportUri uri) {
        return uri.inetAddress();
    }

    @Override
    public Future<Channel> bind(TransportUri uri, TransportContext context, ChannelHandler childHandler) {
        if (ReusePort.requested(uri, context)) {
            return ReusePort.bind(address(uri), context, childHandler);
        }
        if (NativeTransport.use(context)) {
            return EpollListeners.bind(address(uri), context, childHandler, false);
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(context.acceptGroup(), context.ioGroup())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(childHandler);
        return channelOf(b.bind(address(uri)));
    }

    @Override
    public Future<Channel> connect(TransportUri uri, TransportContext context, ChannelHandler handler) {
        if (NativeTransport.use(context)) {
            return EpollListeners.connect(address(uri), context, handler);
        }
        Bootstrap b = new Bootstrap()
                .group(context.ioGroup())
                .channel(NioSocketChannel.class)
                .handler(handler);
        return connect(b, address(uri), context.connectTimeout());
    }

    /**
     * Connects, failing with Netty's {@link ConnectTimeoutException} after {@code timeout}. The timer is
     * ours, not {@link ChannelOption#CONNECT_TIMEOUT_MILLIS}: Netty's channels keep their cancelled
     * timeout task for life, about 60 bytes of every idle dialed session.
     */
    static Future<Channel> connect(Bootstrap b, SocketAddress address, Duration timeout) {
        ChannelFuture connecting = b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0).connect(address);
        Channel ch = connecting.channel();
        ScheduledFuture<?> timer = null;
        if (!timeout.isZero() && !timeout.isNegative() && !connecting.isDone()) {
            long ms = Math.max(1, timeout.toMillis());
            timer = ch.eventLoop().schedule(() -> {
                if (connecting instanceof ChannelPromise p
                        && p.tryFailure(new ConnectTimeoutException("connection timed out after " + ms + " ms: " + address))) {
                    ch.close();
                }
            }, ms, TimeUnit.MILLISECONDS);
        }
        ScheduledFuture<?> pending = timer;
        Future<Channel> result = channelOf(connecting);
        if (pending != null) {
            connecting.addListener(done -> pending.cancel(false));
        }
        return result;
    }

    /** The channel of a bind or connect, once it succeeded. */
    public static Future<Channel> channelOf(ChannelFuture f) {
        Promise<Channel> p = f.channel().eventLoop().newPromise();
        f.addListener(done -> {
            if (done.isSuccess()) {
                p.trySuccess(f.channel());
            } else {
                p.tryFailure(done.cause());
            }
        });
        return p;
    }
}
