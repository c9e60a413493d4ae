package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;

/**
 * Hook: a WebSocket upgrade arrived and is about to be accepted (the original's
 * {@code BeforeWebsocketHandshake}). A non-OK status refuses it: the client gets that status as
 * HTTP (a code from 400 to 599, else 403) with the status JSON, and no session opens. Runs on the
 * I/O thread: do not block.
 */
@FunctionalInterface
public interface BeforeWebSocketHandshake extends Plugin {

    Status beforeWebSocketHandshake(WebSocketHandshake handshake);
}
