package io.dmicro.drpc.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/**
 * Sets up an accepted connection below the drpc handlers, read top to bottom:
 *
 * <pre>
 *   SslHandler              tls:// and wss:// (or when a shared port sees a TLS handshake)
 *   ProtocolSniffer         shared port: picks the proto from the first bytes, then leaves
 *   HTTP codec, WebSocket   ws:// and wss:// (or when a shared port sees an upgrade)
 *   handshake, frame codec
 *   -- drpc handlers, put in by the {@link SessionInstaller} when the layers above are ready --
 * </pre>
 */
public final class ListenerPipeline {

    private final ListenOptions options;

    public ListenerPipeline(ListenOptions options) {
        this.options = options;
    }

    public ListenOptions options() {
        return options;
    }

    public void init(Channel ch, SessionInstaller installer) {
        ChannelPipeline p = ch.pipeline();
        if (options.tlsFirst() && options.tls() != null) {
            p.addLast("tls", options.tls().newHandler(ch.alloc()));
        }
        if (options.webSocketOnly()) {
            WebSocketServerLayer.addTo(ch, options, installer);
        } else if (options.sniffed() != null) {
            p.addLast("sniffer", new ProtocolSniffer(options, installer, options.sniffTls() && !options.tlsFirst()));
        } else {
            installer.install(ch, options.defaultProto(), false);
        }
    }
}
