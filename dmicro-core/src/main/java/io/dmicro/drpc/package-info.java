@NullMarked
package io.dmicro.drpc;

import org.jspecify.annotations.NullMarked;
