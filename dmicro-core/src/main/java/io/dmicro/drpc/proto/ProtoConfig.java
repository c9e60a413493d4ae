package io.dmicro.drpc.proto;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilters;

/**
 * What a proto needs to know about its endpoint.
 *
 * @param maxMessageSize the largest frame accepted or written, in bytes
 * @param filters the transfer filters frames may name
 * @param codecs the body codecs, for protos that map content types to codecs
 */
public record ProtoConfig(int maxMessageSize, TransferFilters filters, Codecs codecs) {

    public ProtoConfig {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
    }
}
