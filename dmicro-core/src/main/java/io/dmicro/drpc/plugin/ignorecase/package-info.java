/** Case-insensitive routing (reference §14.4). */
@NullMarked
package io.dmicro.drpc.plugin.ignorecase;

import org.jspecify.annotations.NullMarked;
