@NullMarked
package io.dmicro.drpc.status;

import org.jspecify.annotations.NullMarked;
