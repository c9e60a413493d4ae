@NullMarked
package io.dmicro.drpc.proto.raw;

import org.jspecify.annotations.NullMarked;
