@NullMarked
package io.dmicro.drpc.plugin;

import org.jspecify.annotations.NullMarked;
