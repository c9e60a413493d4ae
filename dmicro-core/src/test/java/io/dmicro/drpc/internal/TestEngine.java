package io.dmicro.drpc.internal;

import io.dmicro.drpc.DrpcDefaults;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.plugin.PluginContainer;
import io.dmicro.drpc.proto.raw.RawProto;
import io.dmicro.drpc.router.Router;
import io.netty.channel.Channel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An engine without an endpoint, for unit tests of the session's parts; close it after the test. */
final class TestEngine implements AutoCloseable {

    final Engine engine;
    private final NettyTransport transport;
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    TestEngine(EndpointConfig c, io.dmicro.drpc.plugin.Plugin... plugin) {
        PluginContainer plugins = new PluginContainer().appendLeft(plugin);
        transport = new NettyTransport(1);
        EngineConfig config = new EngineConfig(c.callTimeout(), c.sessionAge(), c.dialTimeout(), c.redialTimes(), c.redialInterval(),
                c::redialPause, c.maxMessageSize(), c.maxPendingWriteBytes(), c.codecs(), c.defaultBodyCodec(), c.filters(),
                c.socketOptions(), DrpcDefaults.CLOSE_DRAIN_TIMEOUT, c.handshakeTimeout(), c.frameTimeout(), c.tlsContexts(),
                c.exposeErrorDetails(), c.contextAge().toNanos(), c.sendDeadlines(), c.maxBatchSize(), c.httpOptions());
        engine = new Engine(config, new Router(plugins, c.mapper()), plugins, new SessionHub(), handlers, transport);
        transport.bind(engine);
    }

    TestEngine() {
        this(EndpointConfig.builder().build());
    }

    /** An accepted session on {@code ch}, still PREPARING. */
    DefaultSession accepted(Channel ch) {
        return new DefaultSession(engine, ch, false, null, new RawProto());
    }

    /** A dialed session on {@code ch} that redials {@code address}, still PREPARING. */
    DefaultSession dialed(Channel ch, String address) {
        return new DefaultSession(engine, ch, true, address, new RawProto());
    }

    @Override
    public void close() {
        engine.markClosing();
        handlers.shutdownNow();
        transport.shutdown();
    }
}
