/** Engine plumbing below the drpc handlers: the layers of dialed and accepted connections (WebSocket included), port sharing, protos by name. Not API. */
@NullMarked
package io.dmicro.drpc.internal.transport;

import org.jspecify.annotations.NullMarked;
