/** Message body encryption (reference §14.5): the drpc-compatible AES-CBC variant and the recommended AES-GCM one. */
@NullMarked
package io.dmicro.drpc.plugin.securebody;

import org.jspecify.annotations.NullMarked;
