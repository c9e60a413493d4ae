/** WebSocket plumbing: not API. */
@NullMarked
package io.dmicro.drpc.transport.websocket.internal;

import org.jspecify.annotations.NullMarked;
