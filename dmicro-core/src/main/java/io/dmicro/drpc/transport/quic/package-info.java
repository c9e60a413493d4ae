/** QUIC ({@code quic://}) through Netty's QUIC codec: one connection, one bidirectional stream, one session. */
@NullMarked
package io.dmicro.drpc.transport.quic;

import org.jspecify.annotations.NullMarked;
