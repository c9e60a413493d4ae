package io.dmicro.drpc.transport.quic;

import io.dmicro.drpc.transport.SessionChannels;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the first bidirectional stream of a QUIC connection its session's stream, as the
 * original does: the engine's handlers go into that stream, any further stream is refused, and
 * the connection ends with the stream.
 *
 * <p>Who ends the connection: the side whose stream saw the peer's FIN closes it at once (the
 * peer is done); the side that ended the stream leaves the connection open so that its FIN and
 * the data queued before it still reach the peer, and closes it only if the peer has not done so
 * within {@link #LINGER}.
 */
@ChannelHandler.Sharable
final class SessionStreamInitializer extends ChannelInitializer<QuicStreamChannel> {

    static final Duration LINGER = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(SessionStreamInitializer.class);
    private static final AttributeKey<Boolean> HAS_SESSION = AttributeKey.valueOf(SessionStreamInitializer.class, "hasSession");

    private final ChannelHandler sessionHandler;

    SessionStreamInitializer(ChannelHandler sessionHandler) {
        this.sessionHandler = sessionHandler;
    }

    @Override
    protected void initChannel(QuicStreamChannel stream) {
        QuicChannel connection = stream.parent();
        if (stream.type() != QuicStreamType.BIDIRECTIONAL || connection.attr(HAS_SESSION).setIfAbsent(Boolean.TRUE) != null) {
            log.debug("refusing QUIC stream {} from {}: one session stream per connection", stream.streamId(),
                    connection.remoteSocketAddress());
            stream.close();
            return;
        }
        // a stream's own addresses name the stream, not the peer: sessions report the connection's
        stream.attr(SessionChannels.PEER_ADDRESS).set(connection.remoteSocketAddress());
        stream.attr(SessionChannels.OWN_ADDRESS).set(connection.localSocketAddress());
        stream.closeFuture().addListener(f -> closeConnection(stream, connection));
        // QUIC streams half-close by default; a session, like a TCP connection here, ends with the peer's FIN
        stream.config().setAllowHalfClosure(false);
        stream.pipeline().addLast(sessionHandler);
    }

    private static void closeConnection(QuicStreamChannel stream, QuicChannel connection) {
        if (stream.isInputShutdown() || !connection.isActive()) {
            connection.close();
            return;
        }
        var linger = connection.eventLoop().schedule(() -> {
            connection.close();
        }, LINGER.toMillis(), TimeUnit.MILLISECONDS);
        connection.closeFuture().addListener(c -> linger.cancel(false));
    }
}
