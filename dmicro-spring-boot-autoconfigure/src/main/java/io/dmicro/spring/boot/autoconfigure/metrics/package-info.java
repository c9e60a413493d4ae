/** Micrometer metrics of an endpoint, collected by a plugin. */
@NullMarked
package io.dmicro.spring.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
