package io.dmicro.drpc.internal.transport;

import io.dmicro.drpc.transport.TransportUri;
import io.dmicro.drpc.transport.tls.TlsSettings;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Sets up a dialed connection below the drpc handlers: TLS for {@code tls://} and
 * {@code wss://}, the WebSocket upgrade for {@code ws://} and {@code wss://}. The TLS context is
 * built once per dial address, not per attempt.
 */
public final class DialPipeline {

    private final TransportUri uri;
    private final @Nullable SslContext tls;
    private final boolean webSocket;

    public DialPipeline(TransportUri uri) {
        this(uri, io.dmicro.drpc.transport.tls.TlsContexts.NONE);
    }

    /** Like {@link #DialPipeline(TransportUri)}, resolving {@code ?tlsContext=name} in {@code contexts}. */
    public DialPipeline(TransportUri uri, io.dmicro.drpc.transport.tls.TlsContexts contexts) {
        this.uri = uri;
        String scheme = uri.scheme();
        String named = uri.param("tlsContext");
        boolean tlsScheme = scheme.equals("tls") || scheme.equals("wss");
        this.tls = !tlsScheme ? null : named != null && !named.isEmpty() ? contexts.client(named) : TlsSettings.from(uri).clientContext();
        this.webSocket = scheme.equals("ws") || scheme.equals("wss");
    }

    /**
     * Adds the layers to a fresh channel (before the drpc handlers) and returns what completes
     * when frames may flow: at once, or after the TLS and WebSocket handshakes.
     */
    public Future<Void> init(Channel ch, int maxMessageSize, Duration timeout) {
        Promise<Void> ready = ch.eventLoop().newPromise();
        SslHandler ssl = null;
        if (tls != null) {
            ssl = tls.newHandler(ch.alloc(), uri.host(), uri.port());
            ssl.setHandshakeTimeoutMillis(Math.max(1, timeout.toMillis()));
            ch.pipeline().addLast("tls", ssl);
        }
        if (webSocket) {
            WebSocketClientLayer.addTo(ch, uri, maxMessageSize, timeout, ready);
        } else if (ssl != null) {
            ssl.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    ready.trySuccess(null);
                } else {
                    ready.tryFailure(f.cause());
                }
            });
        } else {
            ready.setSuccess(null);
        }
        return ready;
    }
}
