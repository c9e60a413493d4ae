package io.dmicro.drpc.transport.unix;

import io.dmicro.drpc.transport.Transport;
import io.dmicro.drpc.transport.TransportContext;
import io.dmicro.drpc.transport.TransportUri;
import io.dmicro.drpc.transport.tcp.TcpTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unix domain sockets ({@code unix:///path/to.sock}) through the JDK's own AF_UNIX support
 * (JDK 16+), driven by Netty's NIO domain-socket channels on the endpoint's event loops, so no
 * native library is needed. A stale socket file that nobody listens on is removed before
 * binding, and the file is removed when the listener closes.
 */
public final class UnixTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(UnixTransport.class);

    @Override
    public List<String> schemes() {
        return List.of("unix");
    }

    @Override
    public SocketAddress address(TransportUri uri) {
        return UnixDomainSocketAddress.of(uri.path());
    }

    @Override
    public Future<Channel> bind(TransportUri uri, TransportContext context, ChannelHandler childHandler) {
        UnixDomainSocketAddress address = (UnixDomainSocketAddress) address(uri);
        removeStale(address);
        ServerBootstrap b = new ServerBootstrap()
                .group(context.acceptGroup(), context.ioGroup())
                .channel(NioServerDomainSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(childHandler);
        Future<Channel> bound = TcpTransport.channelOf(b.bind(address));
        bound.addListener(f -> {
            if (f.isSuccess()) {
                bound.getNow().closeFuture().addListener(c -> deleteQuietly(address.getPath()));
            }
        });
        return bound;
    }

    @Override
    public Future<Channel> connect(TransportUri uri, TransportContext context, ChannelHandler handler) {
        Bootstrap b = new Bootstrap()
                .group(context.ioGroup())
                .channel(NioDomainSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, context.connectTimeout().toMillis()))
                .handler(handler);
        return TcpTransport.channelOf(b.connect(address(uri)));
    }

    private static void removeStale(UnixDomainSocketAddress address) {
        Path path = address.getPath();
        if (!Files.exists(path)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(address);
            // someone listens there: leave the file, and let the bind fail with "address in use"
        } catch (IOException refused) {
            log.info("removing stale unix socket file {}", path);
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("cannot delete unix socket file {}: {}", path, e.toString());
        }
    }
}
