/** @DrpcClient proxies: peer selection through Spring Cloud discovery, load balancing and session reuse. */
@NullMarked
package io.dmicro.spring.boot.autoconfigure.client;

import org.jspecify.annotations.NullMarked;
