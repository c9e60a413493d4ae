/**
 * An etcd-backed Spring Cloud {@code ServiceRegistry} and {@code DiscoveryClient} in Go DMicro's
 * layout, so Java and Go DMicro services find each other through the same etcd.
 */
@NullMarked
package io.dmicro.spring.cloud.etcd;

import org.jspecify.annotations.NullMarked;
