/** The HTTP proto's Netty handlers: not API. */
@NullMarked
package io.dmicro.drpc.proto.http.internal;

import org.jspecify.annotations.NullMarked;
