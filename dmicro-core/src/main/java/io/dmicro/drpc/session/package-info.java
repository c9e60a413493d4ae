@NullMarked
package io.dmicro.drpc.session;

import org.jspecify.annotations.NullMarked;
