/**
 * The Go original's WebSocket sub-protos ({@code mixer/websocket}): {@code ws-json}
 * ({@code jsonSubProto}, its default) and {@code ws-pb} ({@code pbSubProto}), one message per
 * WebSocket message, with no length prefix of their own.
 */
@NullMarked
package io.dmicro.drpc.proto.websocket;

import org.jspecify.annotations.NullMarked;
