@NullMarked
package io.dmicro.drpc.codec;

import org.jspecify.annotations.NullMarked;
