/** Forwards calls and pushes for unknown routes to another peer (reference §14.3). */
@NullMarked
package io.dmicro.drpc.plugin.proxy;

import org.jspecify.annotations.NullMarked;
