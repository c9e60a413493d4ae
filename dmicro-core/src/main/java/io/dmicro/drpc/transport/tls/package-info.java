/** TLS and mutual TLS from PEM files. */
@NullMarked
package io.dmicro.drpc.transport.tls;

import org.jspecify.annotations.NullMarked;
