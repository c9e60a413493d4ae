/** The in-JVM transport ({@code local://name}) on Netty's local channels: tests without ports. */
@NullMarked
package io.dmicro.drpc.transport.local;

import org.jspecify.annotations.NullMarked;
