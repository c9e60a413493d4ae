package io.dmicro.drpc.proto.http.internal;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder, refusing a request with both {@code Transfer-Encoding} and
 * {@code Content-Length} instead of dropping the length: two framings of one body are what request
 * smuggling feeds on (RFC 9112 §6.1 lets a server reject it, and demands a close either way).
 */
final class StrictRequestDecoder extends HttpRequestDecoder {

    StrictRequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("a request may not carry both Transfer-Encoding and Content-Length");
    }
}
