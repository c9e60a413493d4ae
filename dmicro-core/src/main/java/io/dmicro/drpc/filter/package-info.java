@NullMarked
package io.dmicro.drpc.filter;

import org.jspecify.annotations.NullMarked;
