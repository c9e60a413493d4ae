/** The engine's session events published as Spring application events. */
@NullMarked
package io.dmicro.spring.boot.autoconfigure.event;

import org.jspecify.annotations.NullMarked;
