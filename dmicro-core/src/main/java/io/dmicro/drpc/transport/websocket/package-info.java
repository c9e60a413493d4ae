/** WebSocket server and client: each WebSocket message carries one frame of the chosen proto. */
@NullMarked
package io.dmicro.drpc.transport.websocket;

import org.jspecify.annotations.NullMarked;
