@NullMarked
package io.dmicro.drpc.proto;

import org.jspecify.annotations.NullMarked;
