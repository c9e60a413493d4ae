package io.dmicro.drpc.transport.tcp;

import io.dmicro.drpc.transport.TransportContext;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * The epoll side of {@link ReusePort} and {@link NativeTransport}, in its own class so that nothing
 * loads Netty's epoll classes unless they are there.
 */
final class EpollListeners {

    private EpollListeners() {
    }

    static @Nullable String reason() {
        if (Epoll.isAvailable()) {
            return null;
        }
        Throwable cause = Epoll.unavailabilityCause();
        return "Netty's native epoll transport cannot load here: "
                + (cause == null ? "unknown reason" : cause.getMessage());
    }

    static EventLoopGroup newGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), EpollIoHandler.newFactory());
    }

    static Future<Channel> bind(SocketAddress address, TransportContext context, ChannelHandler childHandler, boolean reusePort) {
        ServerBootstrap b = new ServerBootstrap()
                .group(context.nativeLoops().acceptGroup(), context.nativeLoops().ioGroup())
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(EpollChannelOption.SO_REUSEPORT, reusePort)
                .childHandler(childHandler);
        return TcpTransport.channelOf(b.bind(address));
    }

    static Future<Channel> connect(SocketAddress address, TransportContext context, ChannelHandler handler) {
        Bootstrap b = new Bootstrap()
                .group(context.nativeLoops().ioGroup())
                .channel(EpollSocketChannel.class)
                .handler(handler);
        return TcpTransport.connect(b, address, context.connectTimeout());
    }

    static boolean setKeepAlivePeriod(Channel channel, int seconds) {
        if (!(channel instanceof EpollSocketChannel)) {
            return false;
        }
        channel.config().setOption(EpollChannelOption.TCP_KEEPIDLE, seconds);
        channel.config().setOption(EpollChannelOption.TCP_KEEPINTVL, seconds);
        return true;
    }
}
