package io.dmicro.drpc.session;

import io.dmicro.drpc.message.Meta;
import org.jspecify.annotations.Nullable;

/**
 * A successful reply with what came with it.
 *
 * @param body the decoded body
 * @param meta the reply's meta
 * @param bodyCodec the id of the codec the reply was encoded with (0 for raw bytes)
 */
public record Reply<T>(@Nullable T body, Meta meta, byte bodyCodec) {
}
