/** The original's run log (reference §3.2): one line per call and push, slow calls marked. */
@NullMarked
package io.dmicro.drpc.plugin.runlog;

import org.jspecify.annotations.NullMarked;
