/** The {@code dmicro} command line: grpcurl, ghz and the original's ctl console for drpc endpoints. */
@NullMarked
package io.dmicro.cli;

import org.jspecify.annotations.NullMarked;
