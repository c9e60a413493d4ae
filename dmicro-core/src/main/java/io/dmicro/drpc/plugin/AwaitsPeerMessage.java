package io.dmicro.drpc.plugin;

import java.time.Duration;

/**
 * Marks an {@link AfterAccept} hook whose first step is to receive the peer's handshake message
 * (an auth check). The engine waits for that message, or the connection's close, or
 * {@link #peerMessageTimeout()}, without holding a thread, and runs the AfterAccept hooks only then:
 * silent connections cannot occupy the handler pool.
 */
public interface AwaitsPeerMessage {

    /** How long the peer has to send its first message, counted from the accept. */
    Duration peerMessageTimeout();
}
