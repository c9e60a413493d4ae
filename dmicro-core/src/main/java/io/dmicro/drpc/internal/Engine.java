package io.dmicro.drpc.internal;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.plugin.PluginContainer;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.router.Router;
import java.util.concurrent.ExecutorService;

/** What every session of one endpoint shares: configuration, routes, plugins, the hub and the executors. */
public final class Engine {

    final EngineConfig config;
    final Router router;
    final PluginContainer plugins;
    final SessionHub hub;
    final ExecutorService handlerExecutor;
    final Codecs codecs;
    final byte defaultCodecId;
    final ProtoConfig protoConfig;
    final SessionWriter writer;
    final java.util.concurrent.atomic.LongAdder bytesIn = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder bytesOut = new java.util.concurrent.atomic.LongAdder();
    /** Errors in what peers send, logged without letting a peer flood the log. */
    final ProtocolErrorLog protocolErrors = new ProtocolErrorLog(org.slf4j.LoggerFactory.getLogger(SessionHandler.class), System::nanoTime);
    private final NettyTransport transport;
    private volatile boolean closing;

    public Engine(EngineConfig config, Router router, PluginContainer plugins, SessionHub hub,
            ExecutorService handlerExecutor, NettyTransport transport) {
        this.transport = transport;
        this.config = config;
        this.router = router;
        this.plugins = plugins;
        this.hub = hub;
        this.handlerExecutor = handlerExecutor;
        this.codecs = config.codecs();
        this.defaultCodecId = codecs.require(config.defaultBodyCodec()).id();
        this.writer = new SessionWriter(config.maxPendingWriteBytes());
        this.protoConfig = new ProtoConfig(config.maxMessageSize(), config.filters(), config.codecs(),
                () -> io.dmicro.drpc.describe.RouteDescriptions.of(router), config.maxBatchSize());
    }

    NettyTransport connector() {
        return transport;
    }

    boolean closing() {
        return closing;
    }

    public void markClosing() {
        closing = true;
    }

    /** Proto bytes received over every connection so far. */
    public long bytesReceived() {
        return bytesIn.sum();
    }

    /** Proto bytes written to every connection so far. */
    public long bytesSent() {
        return bytesOut.sum();
    }

    public SessionHub hub() {
        return hub;
    }
}
