@NullMarked
package io.dmicro.drpc.router;

import org.jspecify.annotations.NullMarked;
