/** How the etcd registry is stored and followed: the key layout, the record JSON, the watched cache and the node leases. */
@NullMarked
package io.dmicro.spring.cloud.etcd.internal;

import org.jspecify.annotations.NullMarked;
