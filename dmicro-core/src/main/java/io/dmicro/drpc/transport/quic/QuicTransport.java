package io.dmicro.drpc.transport.quic;

import io.dmicro.drpc.transport.Transport;
import io.dmicro.drpc.transport.TransportContext;
import io.dmicro.drpc.transport.TransportUri;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;
import java.net.SocketAddress;
import java.util.List;

/**
 * QUIC ({@code quic://host:port}, reference §11.1) through Netty's QUIC codec, which wraps
 * Cloudflare's quiche and BoringSSL. As in the original, one QUIC connection carries one session
 * over one bidirectional stream holding the proto's frames; TLS 1.3 is part of QUIC, so a
 * listener without {@code cert=} and {@code key=} makes a self-signed certificate and a client
 * without {@code ca=} accepts any certificate. Settings are in {@link QuicOptions}.
 *
 * <p>Needs {@code io.netty:netty-codec-classes-quic} and {@code io.netty:netty-codec-native-quic}
 * with the classifier of the platform (optional dependencies of dmicro-core). This class itself
 * touches no QUIC type, so it is always registered, and {@code quic://} fails with the reason
 * when the codec is missing or its native library cannot load.
 */
public final class QuicTransport implements Transport {

    @Override
    public List<String> schemes() {
        return List.of("quic");
    }

    @Override
    public SocketAddress address(TransportUri uri) {
        return uri.inetAddress();
    }

    @Override
    public Future<Channel> bind(TransportUri uri, TransportContext context, ChannelHandler childHandler) {
        requireAvailable();
        return QuicServer.bind(uri, context, childHandler);
    }

    @Override
    public Future<Channel> connect(TransportUri uri, TransportContext context, ChannelHandler handler) {
        requireAvailable();
        return QuicClient.connect(uri, context, handler);
    }

    /** Whether the QUIC codec and its native library are there, so {@code quic://} can work. */
    public static boolean isAvailable() {
        return unavailabilityReason() == null;
    }

    /** Why {@code quic://} cannot work here, or null when it can. */
    public static @org.jspecify.annotations.Nullable String unavailabilityReason() {
        try {
            Class.forName("io.netty.handler.codec.quic.Quic", false, QuicTransport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "the QUIC codec is not on the classpath: add io.netty:netty-codec-classes-quic and "
                    + "io.netty:netty-codec-native-quic with your platform's classifier (such as linux-x86_64)";
        }
        return NativeQuic.unavailabilityReason();
    }

    private static void requireAvailable() {
        String reason = unavailabilityReason();
        if (reason != null) {
            throw new IllegalStateException("quic:// is not available: " + reason);
        }
    }
}
