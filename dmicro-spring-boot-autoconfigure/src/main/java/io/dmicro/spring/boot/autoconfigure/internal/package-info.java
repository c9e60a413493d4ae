/** Implementation details of the auto-configuration; not API. */
@NullMarked
package io.dmicro.spring.boot.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
