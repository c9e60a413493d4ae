/** Networks an endpoint listens on and dials through: listen URIs, the transport SPI, port sharing. */
@NullMarked
package io.dmicro.drpc.transport;

import org.jspecify.annotations.NullMarked;
