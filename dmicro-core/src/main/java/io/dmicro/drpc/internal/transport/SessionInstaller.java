package io.dmicro.drpc.internal.transport;

import io.dmicro.drpc.proto.Proto;
import io.netty.channel.Channel;

/**
 * Puts the drpc handlers (proto and session) at the end of a channel's pipeline once the layers
 * below them are ready: at once for a plain connection, after sniffing the first bytes or after a
 * WebSocket handshake otherwise. Implemented by the engine.
 */
@FunctionalInterface
public interface SessionInstaller {

    /**
     * @param replayActive true when the channel became active before the drpc handlers were
     *     there, so they must be told now
     */
    void install(Channel channel, Proto proto, boolean replayActive);
}
