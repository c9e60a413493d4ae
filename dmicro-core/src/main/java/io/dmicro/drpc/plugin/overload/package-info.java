/** Overload protection (reference §14.6): connection, request-rate and in-flight limits, changeable at run time. */
@NullMarked
package io.dmicro.drpc.plugin.overload;

import org.jspecify.annotations.NullMarked;
