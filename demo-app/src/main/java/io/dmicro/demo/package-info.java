/** The DMicro demo: a math server that pushes and calls back, and the same jar as a client peer. */
@NullMarked
package io.dmicro.demo;

import org.jspecify.annotations.NullMarked;
