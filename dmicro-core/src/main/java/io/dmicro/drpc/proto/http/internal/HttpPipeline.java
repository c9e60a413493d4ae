package io.dmicro.drpc.proto.http.internal;

import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.http.HttpOptions;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * The HTTP proto's handlers, read top to bottom:
 *
 * <pre>
 * accepted (server)                          dialed (client)
 *   StrictRequestDecoder  bytes -> HttpObject   HttpClientCodec
 *   HttpResponseEncoder   HttpResponse -> bytes HttpObjectAggregator  -> FullHttpResponse
 *   HttpRequestReader     head + body -> one request, limit over both, 100-continue, 4xx on bad input
 *   HttpServerExchange    request -> Message, Message -> response in request order
 *                                              HttpClientExchange  Message -> request, response -> REPLY
 * </pre>
 */
public final class HttpPipeline {

    /** The largest header section read, whatever the frame limit (RFC 9110 §5.4 leaves it to us). */
    static final int MAX_HEAD = 64 * 1024;
    static final int MAX_REQUEST_LINE = 8 * 1024;
    /** The name of an accepted connection's request decoder, for handlers that go around it. */
    public static final String REQUEST_DECODER = "http-decoder";

    private HttpPipeline() {
    }

    public static void addHandlers(ChannelPipeline p, ProtoConfig config, HttpOptions options, boolean dialed) {
        int maxHead = Math.min(MAX_HEAD, config.maxMessageSize());
        if (dialed) {
            p.addLast("http-codec", new HttpClientCodec(new HttpDecoderConfig()
                    .setMaxHeaderSize(maxHead).setMaxInitialLineLength(MAX_REQUEST_LINE), false, false));
            p.addLast("http-aggregator", new HttpObjectAggregator(config.maxMessageSize()));
            p.addLast("http-exchange", new HttpClientExchange(config));
            return;
        }
        p.addLast(REQUEST_DECODER, new StrictRequestDecoder(new HttpDecoderConfig()
                .setMaxHeaderSize(maxHead)
                .setMaxInitialLineLength(Math.min(MAX_REQUEST_LINE, maxHead))
                .setMaxChunkSize(64 * 1024)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)));
        p.addLast("http-encoder", new io.netty.handler.codec.http.HttpResponseEncoder());
        p.addLast("http-reader", new HttpRequestReader(config.maxMessageSize()));
        p.addLast("http-exchange", new HttpServerExchange(config, options));
    }
}
