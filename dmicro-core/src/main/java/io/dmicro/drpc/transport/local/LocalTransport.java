package io.dmicro.drpc.transport.local;

import io.dmicro.drpc.transport.Transport;
import io.dmicro.drpc.transport.TransportContext;
import io.dmicro.drpc.transport.TransportUri;
import io.dmicro.drpc.transport.tcp.TcpTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.concurrent.Future;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections inside one JVM ({@code local://orders}) on Netty's {@link LocalChannel}s: no port, no
 * file, no system call, but the same pipeline as a socket, so the protos, filters, plugins, port
 * sharing ({@code ?protos=all}) and sessions behave as they do over TCP. Meant for tests. The name
 * is unique in the JVM while it is bound, and case-insensitive; {@code local://} with no name binds
 * a fresh unique one ({@code drpc-1}, ...), which the bound address reports (as port 0 does for TCP).
 *
 * <p>Local channels need event loops of their own kind ({@link LocalIoHandler}), so this transport
 * runs them on one small group of daemon threads shared by every endpoint of the JVM, made on first
 * use; the endpoint's handler executor is unchanged, so handlers run where they would over TCP.
 */
public final class LocalTransport implements Transport {

    private static final AtomicLong UNNAMED = new AtomicLong();

    /** Made on first use: an application that never listens locally starts no thread for it. */
    private static final class Loops {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("drpc-local", true),
                LocalIoHandler.newFactory());
    }

    @Override
    public List<String> schemes() {
        return List.of("local");
    }

    @Override
    public SocketAddress address(TransportUri uri) {
        // Netty's own LocalAddress.ANY names are upper case, which LocalAddress(String) cannot dial back
        return new LocalAddress(uri.host().isEmpty() ? "drpc-" + UNNAMED.incrementAndGet() : uri.host());
    }

    @Override
    public Future<Channel> bind(TransportUri uri, TransportContext context, ChannelHandler childHandler) {
        ServerBootstrap b = new ServerBootstrap()
                .group(Loops.GROUP)
                .channel(LocalServerChannel.class)
                .childHandler(childHandler);
        return TcpTransport.channelOf(b.bind(address(uri)));
    }

    @Override
    public Future<Channel> connect(TransportUri uri, TransportContext context, ChannelHandler handler) {
        if (uri.host().isEmpty()) {
            throw new IllegalArgumentException("a local dial needs the listener's name, such as local://orders: " + uri);
        }
        Bootstrap b = new Bootstrap()
                .group(Loops.GROUP)
                .channel(LocalChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, context.connectTimeout().toMillis()))
                .handler(handler);
        return TcpTransport.channelOf(b.connect(address(uri)));
    }
}
