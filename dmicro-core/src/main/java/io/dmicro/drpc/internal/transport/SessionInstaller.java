package io.dmicro.drpc.internal.transport;

import io.dmicro.drpc.plugin.BeforeWebSocketHandshake;
import io.dmicro.drpc.plugin.WebSocketHandshake;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.status.Status;
import io.netty.channel.Channel;

/**
 * Puts the drpc handlers (proto and session) at the end of a channel's pipeline once the layers
 * below them are ready: at once for a plain connection, after sniffing the first bytes or after a
 * WebSocket handshake otherwise. Implemented by the engine.
 */
public interface SessionInstaller {

    /**
     * @param replayActive true when the channel became active before the drpc handlers were
     *     there, so they must be told now
     */
    void install(Channel channel, Proto proto, boolean replayActive);

    /** Asks the endpoint's {@link BeforeWebSocketHandshake} plugins whether an upgrade may go on. */
    default Status beforeWebSocketHandshake(WebSocketHandshake handshake) {
        return Status.OK;
    }
}
