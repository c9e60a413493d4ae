package io.dmicro.drpc.proto.http.internal;

import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One request on its way to its response. */
final class Exchange {

    final HttpVersion version;
    final boolean keepAlive;
    /** A HEAD request: the response has the GET's headers and no body. */
    final boolean head;
    final @Nullable String origin;
    /** Whether the connection closes after this response. */
    boolean close;
    /** The X-Seq of a drpc httpproto peer's request (null from any other client): echoed, and failures are 299. */
    @Nullable String peerSeq;
    /** The request had a query string and no body: a "no body" failure then says the query is meta, not the body. */
    boolean queryWithoutBody;
    @Nullable FullHttpResponse response;
    final List<ChannelPromise> promises = new ArrayList<>(1);
    /** A JSON-RPC POST: its replies gather in {@link #jsonRpcBody} until {@link #owed} reaches 0. */
    boolean jsonRpc;
    int owed;
    final StringBuilder jsonRpcBody = new StringBuilder();

    Exchange(HttpVersion version, boolean keepAlive, boolean head, @Nullable String origin) {
        this.version = version;
        this.keepAlive = keepAlive;
        this.head = head;
        this.origin = origin;
    }
}
