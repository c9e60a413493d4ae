package io.dmicro.drpc.proto;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.describe.ServiceDescription;
import io.dmicro.drpc.filter.TransferFilters;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a proto needs to know about its endpoint.
 *
 * @param maxMessageSize the largest frame accepted or written, in bytes
 * @param filters the transfer filters frames may name
 * @param codecs the body codecs, for protos that map content types to codecs
 * @param routes the endpoint's routes as they are now, for protos that describe them (HTTP's
 *     {@code GET /openapi.json})
 * @param maxBatchSize the most requests one batch may hold, for protos with batches (JSON-RPC)
 */
public record ProtoConfig(int maxMessageSize, TransferFilters filters, Codecs codecs, Supplier<ServiceDescription> routes,
        int maxBatchSize) {

    /** The batch limit when none is given ({@code DrpcDefaults.MAX_BATCH_SIZE}). */
    public static final int DEFAULT_MAX_BATCH_SIZE = 1000;

    private static final Supplier<ServiceDescription> NO_ROUTES = () -> new ServiceDescription(List.of());

    public ProtoConfig {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        if (maxBatchSize <= 0) {
            throw new IllegalArgumentException("maxBatchSize must be positive: " + maxBatchSize);
        }
    }

    /** A config with the default batch limit. */
    public ProtoConfig(int maxMessageSize, TransferFilters filters, Codecs codecs, Supplier<ServiceDescription> routes) {
        this(maxMessageSize, filters, codecs, routes, DEFAULT_MAX_BATCH_SIZE);
    }

    /** A config for a proto used outside an endpoint: it knows no routes. */
    public ProtoConfig(int maxMessageSize, TransferFilters filters, Codecs codecs) {
        this(maxMessageSize, filters, codecs, NO_ROUTES);
    }
}
