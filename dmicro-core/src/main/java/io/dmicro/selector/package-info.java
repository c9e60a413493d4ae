/**
 * Choosing one instance of a service for a call, outside drpc as in the Go original's
 * {@code selector}: the {@link io.dmicro.selector.Selector} SPI and the built-in strategies of
 * {@link io.dmicro.selector.Strategy}. Knows nothing of sessions or networks; drpc's multi-instance
 * client ({@code io.dmicro.drpc.client}) is its one user in the engine.
 */
@NullMarked
package io.dmicro.selector;

import org.jspecify.annotations.NullMarked;
