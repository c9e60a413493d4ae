package io.dmicro.drpc.proto.http.internal;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * A request the server answers with an error and then closes the connection on (its framing can
 * no longer be trusted), passed up in request order so earlier pipelined requests are answered
 * first.
 */
record HttpFailure(HttpResponseStatus status, String reason, HttpVersion version) {
}
