/** Unix domain sockets. */
@NullMarked
package io.dmicro.drpc.transport.unix;

import org.jspecify.annotations.NullMarked;
