/** Heartbeat plugins (reference §14.1): {@link io.dmicro.drpc.plugin.heartbeat.HeartbeatPing} sends pings, {@link io.dmicro.drpc.plugin.heartbeat.HeartbeatPong} answers them, and both close a session whose peer fell silent. */
@NullMarked
package io.dmicro.drpc.plugin.heartbeat;

import org.jspecify.annotations.NullMarked;
