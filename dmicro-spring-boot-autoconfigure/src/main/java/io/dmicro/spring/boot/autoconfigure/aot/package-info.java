/** Ahead-of-time processing: the hints a native image needs for {@code @DrpcService} and {@code @DrpcClient}. */
@NullMarked
package io.dmicro.spring.boot.autoconfigure.aot;

import org.jspecify.annotations.NullMarked;
