/** KCP over UDP ({@code kcp://}), wire-compatible with kcp-go as Go DMicro uses it (FEC framing 10+3, no cipher). */
@NullMarked
package io.dmicro.drpc.transport.kcp;

import org.jspecify.annotations.NullMarked;
