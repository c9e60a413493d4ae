/** TCP over IPv4 and IPv6. */
@NullMarked
package io.dmicro.drpc.transport.tcp;

import org.jspecify.annotations.NullMarked;
