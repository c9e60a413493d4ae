/**
 * Clients over several sessions: {@link io.dmicro.drpc.client.ServiceClient} calls the instances
 * of one service, dialing each lazily, choosing through an {@link io.dmicro.selector.Selector} and
 * retrying on another instance only what its {@link io.dmicro.drpc.client.RetryPolicy} allows. The
 * only drpc package that uses {@code io.dmicro.selector}.
 */
@NullMarked
package io.dmicro.drpc.client;

import org.jspecify.annotations.NullMarked;
