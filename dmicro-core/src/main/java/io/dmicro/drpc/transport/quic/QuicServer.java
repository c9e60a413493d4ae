package io.dmicro.drpc.transport.quic;

import io.dmicro.drpc.transport.TransportContext;
import io.dmicro.drpc.transport.TransportUri;
import io.dmicro.drpc.transport.tcp.TcpTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.Future;

/**
 * Binds a QUIC listener: one UDP socket whose pipeline reads, top to bottom,
 *
 * <pre>
 *   QUIC server codec       datagrams -> connections (TLS 1.3, ALPN) -> streams
 *   QuicListenerGuard       closing the listener stops accepting, see there
 *   -- per connection: QuicKeepAlive; per connection's first stream: the engine's handlers --
 * </pre>
 *
 * A client may open one bidirectional stream at a time; it carries the session.
 */
final class QuicServer {

    private QuicServer() {
    }

    static Future<Channel> bind(TransportUri uri, TransportContext context, ChannelHandler childHandler) {
        QuicOptions options = QuicOptions.of(uri, context.socketOptions(), context.maxMessageSize());
        QuicSslContext tls = QuicTlsContexts.server(options);
        QuicListenerGuard guard = new QuicListenerGuard();
        ChannelHandler codec = QuicCodecs.configure(new QuicServerCodecBuilder(), options)
                .sslContext(tls)
                .initialMaxStreamsBidirectional(1)
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel connection) {
                        if (!guard.admit(connection)) {
                            connection.close();
                            return;
                        }
                        connection.pipeline().addLast("keepAlive", new QuicKeepAlive(options.keepAliveInterval()));
                    }
                })
                .streamHandler(new SessionStreamInitializer(childHandler))
                .build();
        Bootstrap b = new Bootstrap()
                .group(context.ioGroup())
                .channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel udp) {
                        udp.pipeline().addLast("quic", codec).addLast("listenerGuard", guard);
                    }
                });
        return TcpTransport.channelOf(b.bind(uri.inetAddress()));
    }
}
