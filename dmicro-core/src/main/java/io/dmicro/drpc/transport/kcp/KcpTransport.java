package io.dmicro.drpc.transport.kcp;

import io.dmicro.drpc.transport.Transport;
import io.dmicro.drpc.transport.TransportContext;
import io.dmicro.drpc.transport.TransportUri;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * KCP over UDP ({@code kcp://host:port}), as Go DMicro dials and listens with kcp-go: FEC framing
 * with 10 data and 3 parity shards (see {@link FecFraming}), no block cipher, a 1400-byte MTU and
 * kcp-go's default KCP settings (see {@link Kcp}). A listener is one UDP socket whose
 * conversations, one per remote address, are channels on its event loop; a dial opens its own
 * UDP socket, connected to the peer, with a random conversation id.
 */
public final class KcpTransport implements Transport {

    /** kcp-go's default MTU: the whole datagram, FEC header included. */
    static final int MTU = 1400;

    @Override
    public List<String> schemes() {
        return List.of("kcp");
    }

    @Override
    public SocketAddress address(TransportUri uri) {
        return uri.inetAddress();
    }

    @Override
    public Future<Channel> bind(TransportUri uri, TransportContext context, ChannelHandler childHandler) {
        Bootstrap b = new Bootstrap()
                .group(context.ioGroup())
                .channel(NioDatagramChannel.class)
                .handler(new KcpListenerHandler(childHandler));
        ChannelFuture bound = b.bind(address(uri));
        Promise<Channel> p = bound.channel().eventLoop().newPromise();
        bound.addListener(f -> {
            if (f.isSuccess()) {
                p.trySuccess(bound.channel());
            } else {
                p.tryFailure(f.cause());
            }
        });
        return p;
    }

    @Override
    public Future<Channel> connect(TransportUri uri, TransportContext context, ChannelHandler handler) {
        InetSocketAddress remote = (InetSocketAddress) address(uri);
        KcpDialHandler dial = new KcpDialHandler();
        Bootstrap b = new Bootstrap()
                .group(context.ioGroup())
                .channel(NioDatagramChannel.class)
                .handler(dial);
        ChannelFuture connected = b.connect(remote);
        Channel udp = connected.channel();
        Promise<Channel> p = udp.eventLoop().newPromise();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                p.tryFailure(f.cause());
                return;
            }
            KcpChannel conversation = new KcpChannel(null, udp, remote, ThreadLocalRandom.current().nextInt(), true, () -> { });
            conversation.pipeline().addLast(handler);
            dial.conversation(conversation);
            udp.eventLoop().register(conversation).addListener(r -> {
                if (r.isSuccess()) {
                    p.trySuccess(conversation);
                } else {
                    udp.close();
                    p.tryFailure(r.cause());
                }
            });
        });
        return p;
    }
}
