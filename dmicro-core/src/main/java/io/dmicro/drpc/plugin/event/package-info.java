/** Session life events (accept, connect, disconnect, receive) for listeners. */
@NullMarked
package io.dmicro.drpc.plugin.event;

import org.jspecify.annotations.NullMarked;
