/** The /actuator/dmicro endpoint and the dmicro health indicator. */
@NullMarked
package io.dmicro.spring.boot.autoconfigure.actuator;

import org.jspecify.annotations.NullMarked;
