@NullMarked
package io.dmicro.drpc.message;

import org.jspecify.annotations.NullMarked;
