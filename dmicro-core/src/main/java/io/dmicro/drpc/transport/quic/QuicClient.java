package io.dmicro.drpc.transport.quic;

import io.dmicro.drpc.transport.TransportContext;
import io.dmicro.drpc.transport.TransportUri;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;

/**
 * Dials a QUIC server: a UDP socket of its own, the QUIC handshake (TLS 1.3, ALPN), then one
 * bidirectional stream that carries the session. The stream's end ends the connection, and the
 * connection's end closes the socket. The server learns of the stream with its first bytes, so
 * it sees the session once this side has sent something.
 */
final class QuicClient {

    private static final ChannelHandler REFUSE_STREAMS = new ChannelInitializer<QuicStreamChannel>() {
        @Override
        protected void initChannel(QuicStreamChannel stream) {
            stream.close(); // the session stream is ours to open; the server opens none
        }
    };

    private QuicClient() {
    }

    static Future<Channel> connect(TransportUri uri, TransportContext context, ChannelHandler handler) {
        QuicOptions options = QuicOptions.of(uri, context.socketOptions(), context.maxMessageSize());
        QuicSslContext tls = QuicTlsContexts.client(options);
        InetSocketAddress remote = uri.inetAddress();
        ChannelHandler codec = QuicCodecs.configure(new QuicClientCodecBuilder(), options)
                .sslEngineProvider(q -> tls.newEngine(q.alloc(), uri.host(), uri.port()))
                .initialMaxStreamsBidirectional(0)
                .build();
        EventLoop loop = context.ioGroup().next();
        Promise<Channel> result = loop.newPromise();
        if (remote.isUnresolved()) {
            return result.setFailure(new java.net.UnknownHostException(uri.host()));
        }
        InetSocketAddress local = remote.getAddress().isLoopbackAddress()
                ? new InetSocketAddress(remote.getAddress(), 0) : new InetSocketAddress(0);
        ChannelFuture bound = new Bootstrap().group(loop).channel(NioDatagramChannel.class).handler(codec).bind(local);
        result.addListener(f -> {
            if (!f.isSuccess()) {
                bound.channel().close(); // failed or given up by the caller: nothing may stay open
            }
        });
        bound.addListener((ChannelFuture b) -> {
            if (!b.isSuccess()) {
                result.tryFailure(b.cause());
                return;
            }
            QuicChannel.newBootstrap(b.channel())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, context.connectTimeout().toMillis()))
                    .handler(new QuicKeepAlive(options.keepAliveInterval()))
                    .streamHandler(REFUSE_STREAMS)
                    .remoteAddress(remote)
                    .connect()
                    .addListener((Future<QuicChannel> c) -> opened(c, b.channel(), handler, result));
        });
        return result;
    }

    private static void opened(Future<QuicChannel> connected, Channel udp, ChannelHandler handler, Promise<Channel> result) {
        if (!connected.isSuccess()) {
            result.tryFailure(connected.cause());
            return;
        }
        QuicChannel connection = connected.getNow();
        connection.closeFuture().addListener(f -> udp.close());
        if (result.isDone()) {
            connection.close();
            return;
        }
        connection.createStream(QuicStreamType.BIDIRECTIONAL, new SessionStreamInitializer(handler)).addListener(
                (Future<QuicStreamChannel> s) -> {
                    if (s.isSuccess() && result.trySuccess(s.getNow())) {
                        return;
                    }
                    connection.close();
                    result.tryFailure(s.isSuccess() ? new IllegalStateException("dial was given up") : s.cause());
                });
    }
}
