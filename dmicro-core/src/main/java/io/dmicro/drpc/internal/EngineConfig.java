package io.dmicro.drpc.internal;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilters;
import io.dmicro.drpc.transport.SocketOptions;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * The settings the engine reads, handed down by the endpoint from its {@code EndpointConfig}, so
 * that the engine never depends on the front door that creates it. The accessors carry the
 * {@code EndpointConfig} names; the javadoc of each is there.
 *
 * @param closeDrainTimeout how long {@code Session.close()} waits for calls and handlers to finish
 * @param handshakeTimeout how long an accepted connection may take to send its handshake message
 * @param frameTimeout how long a frame may take to arrive once its first byte has
 * @param redialPauses the pause before each redial attempt, by attempt number
 * @param tlsContexts the named TLS contexts listen and dial URIs may refer to ({@code ?tlsContext=name})
 * @param exposeErrorDetails whether handlers' exception text travels to callers
 * @param contextAgeNanos the most time a handler gets for one call, 0 for no limit
 * @param sendDeadlines whether calls carry their remaining time in meta
 * @param maxBatchSize the most requests one JSON-RPC batch may hold
 * @param httpOptions the options of the http proto that URIs name
 */
public record EngineConfig(Duration callTimeout, Duration sessionAge, Duration dialTimeout, int redialTimes,
        Duration redialInterval, IntFunction<Duration> redialPauses, int maxMessageSize, int maxPendingWriteBytes,
        Codecs codecs, String defaultBodyCodec, TransferFilters filters, SocketOptions socketOptions,
        Duration closeDrainTimeout, Duration handshakeTimeout, Duration frameTimeout,
        io.dmicro.drpc.transport.tls.TlsContexts tlsContexts, boolean exposeErrorDetails, long contextAgeNanos, boolean sendDeadlines,
        int maxBatchSize, io.dmicro.drpc.proto.http.HttpOptions httpOptions) {

    public Duration redialPause(int attempt) {
        return redialPauses.apply(attempt);
    }
}
