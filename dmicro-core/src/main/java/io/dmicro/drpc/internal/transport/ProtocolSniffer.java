package io.dmicro.drpc.internal.transport;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.http.HttpProto;
import io.dmicro.drpc.proto.json.JsonProto;
import io.dmicro.drpc.proto.jsonrpc.JsonRpcProto;
import io.dmicro.drpc.proto.protobuf.ProtobufProto;
import io.dmicro.drpc.proto.raw.RawDialect;
import io.dmicro.drpc.proto.raw.RawProto;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port sharing: looks at a connection's first bytes, sets up the pipeline for what it sees, and
 * removes itself, handing the bytes on (Netty's port-unification pattern).
 *
 * <pre>
 *   0x16 0x03 …                        TLS handshake: add TLS, then sniff the decrypted bytes
 *   GET … Upgrade: websocket           WebSocket
 *   GET / POST / PUT / … (a method)    http
 *   { or [  (after blanks)             jsonrpc
 *   size(4) 0x01 pipe_len&lt;16           raw, drpc dialect (version byte 1)
 *   size(4) 0x00 '{'                   json
 *   size(4) 0x00 n, n &lt;= 7             raw, erpc dialect (n is the base-36 seq's length)
 *   size(4) 0x00 0x08|0x10|0x1a        protobuf (a payload field tag)
 * </pre>
 *
 * Only what the listener lists is accepted; anything else closes the connection with a logged
 * reason. A peer that says nothing within the sniff timeout gets the first listed proto, so a
 * client that waits for the server to speak first still works (unless that proto is http: an HTTP
 * client always speaks first). The timeout counts from when the peer can be heard (inside TLS,
 * from the end of the TLS handshake). A peer whose first bytes come after the fallback is still
 * sniffed: bytes of another proto are never read as the fallback's (a late HTTP request is not a
 * raw frame of size {@code 0x504F5354}) but close the connection with the reason, an HTTP peer
 * getting {@code 408}. The endpoint's handshake timeout bounds a peer that never says enough.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(ProtocolSniffer.class);
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");
    private static final int MAX_HEAD = 8 * 1024;

    private final ListenOptions options;
    private final SessionInstaller installer;
    private final boolean tlsAllowed;
    private final boolean insideTls;
    private @Nullable ScheduledFuture<?> timeout;
    private @Nullable Proto fallback;
    private boolean decided;

    ProtocolSniffer(ListenOptions options, SessionInstaller installer, boolean tlsAllowed) {
        this(options, installer, tlsAllowed, false);
    }

    private ProtocolSniffer(ListenOptions options, SessionInstaller installer, boolean tlsAllowed, boolean insideTls) {
        this.options = options;
        this.installer = installer;
        this.tlsAllowed = tlsAllowed;
        this.insideTls = insideTls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!insideTls) {
            startClock(ctx);
        }
    }

    /**
     * The sniff timeout counts from when the peer can first be heard: at once on a plain
     * connection, once the TLS handshake is done inside TLS (a slow handshake does not use it up).
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (insideTls && evt instanceof SslHandshakeCompletionEvent done && done.isSuccess() && timeout == null) {
            startClock(ctx);
        }
        super.userEventTriggered(ctx, evt);
    }

    private void startClock(ChannelHandlerContext ctx) {
        Proto first = options.sniffed().get(0);
        if (first instanceof HttpProto) {
            return; // an HTTP server never speaks first: wait for the request (the handshake timeout bounds it)
        }
        timeout = ctx.executor().schedule(() -> {
            if (!decided && fallback == null && ctx.channel().isActive() && actualReadableBytes() == 0) {
                fallback = first;
                installer.install(ctx.channel(), first, true);
            }
        }, options.sniffTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (decided) {
            return;
        }
        String kind = sniff(in);
        if (kind == null) {
            return;
        }
        decided = true;
        if (fallback != null) {
            checkLateBytes(ctx, in, kind, fallback);
            return;
        }
        switch (kind) {
            case "tls" -> {
                if (!tlsAllowed || options.tls() == null) {
                    refuse(ctx, in, "a TLS handshake");
                    return;
                }
                ctx.pipeline().addLast("tls", options.tls().newHandler(ctx.alloc()));
                ctx.pipeline().addLast("sniffer-tls", new ProtocolSniffer(options, installer, false, true));
            }
            case "ws" -> {
                if (!options.sniffWebSocket()) {
                    refuse(ctx, in, "a WebSocket upgrade");
                    return;
                }
                WebSocketServerLayer.addTo(ctx.channel(), options, installer);
            }
            default -> {
                Proto proto = allowed(kind);
                if (proto == null) {
                    refuse(ctx, in, kind.equals("unknown") ? "bytes of no known proto" : "the " + kind + " proto");
                    return;
                }
                installer.install(ctx.channel(), proto, true);
            }
        }
        ctx.pipeline().remove(this);
    }

    /**
     * The peer said nothing within the sniff timeout, so the first listed proto was set up, and
     * now its first bytes came. Bytes of that proto (or of none: its decoder then says what is
     * wrong) go on to it; bytes of another proto are never read as this one's (an HTTP method is
     * no frame size): the connection is closed with the reason, and an HTTP peer is first told
     * {@code 408 Request Timeout}.
     */
    private void checkLateBytes(ChannelHandlerContext ctx, ByteBuf in, String kind, Proto installed) {
        String expected = kindOf(installed);
        if (kind.equals("unknown") || kind.equals(expected)) {
            ctx.pipeline().remove(this);
            return;
        }
        String reason = "its first bytes (" + kind + ") came after the sniff timeout of " + options.sniffTimeout().toMillis()
                + " ms, when the connection had been given the " + protos().nameOf(installed) + " proto";
        log.info("closing connection {}: {} ({})", ctx.channel().remoteAddress(), reason, options.describe());
        in.skipBytes(in.readableBytes());
        if (kind.equals("http") || kind.equals("ws")) {
            byte[] body = ("{\"code\":408,\"msg\":\"Request Timeout\",\"cause\":\"" + reason + "; send the request sooner or raise sniffTimeout\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ByteBuf response = ctx.alloc().buffer();
            response.writeCharSequence("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + body.length + "\r\n\r\n", StandardCharsets.US_ASCII);
            response.writeBytes(body);
            ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private KnownProtos protos() {
        return options.protos();
    }

    private static String kindOf(Proto p) {
        if (p instanceof RawProto r) {
            return r.dialect() == RawDialect.DRPC ? "raw" : "erpc";
        }
        if (p instanceof JsonProto) {
            return "json";
        }
        if (p instanceof ProtobufProto) {
            return "protobuf";
        }
        if (p instanceof JsonRpcProto) {
            return "jsonrpc";
        }
        return p instanceof HttpProto ? "http" : "unknown";
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, String what) {
        log.info("closing connection {}: it speaks {}, which this listener does not accept ({})",
                ctx.channel().remoteAddress(), what, options.describe());
        in.skipBytes(in.readableBytes());
        ctx.close();
    }

    private @Nullable Proto allowed(String kind) {
        for (Proto p : options.sniffed()) {
            boolean match = switch (kind) {
                case "raw" -> p instanceof RawProto r && r.dialect() == RawDialect.DRPC;
                case "erpc" -> p instanceof RawProto r && r.dialect() == RawDialect.ERPC;
                case "json" -> p instanceof JsonProto;
                case "protobuf" -> p instanceof ProtobufProto;
                case "jsonrpc" -> p instanceof JsonRpcProto;
                case "http" -> p instanceof HttpProto;
                default -> false;
            };
            if (match) {
                return p;
            }
        }
        return null;
    }

    /** What the first bytes are, or null when more are needed. */
    static @Nullable String sniff(ByteBuf in) {
        int n = in.readableBytes();
        int at = in.readerIndex();
        if (n < 1) {
            return null;
        }
        int b0 = in.getUnsignedByte(at);
        if (b0 == 0x16) {
            return n < 2 ? null : in.getUnsignedByte(at + 1) == 0x03 ? "tls" : "unknown";
        }
        if (b0 >= 'A' && b0 <= 'Z') {
            return sniffHttp(in);
        }
        int i = 0;
        while (i < n && Character.isWhitespace(in.getUnsignedByte(at + i))) {
            i++;
        }
        if (i < n && (in.getUnsignedByte(at + i) == '{' || in.getUnsignedByte(at + i) == '[')) {
            return "jsonrpc";
        }
        if (i == n) {
            return n > MAX_HEAD ? "unknown" : null;
        }
        if (n < 6) {
            return null;
        }
        int b4 = in.getUnsignedByte(at + 4);
        int b5 = in.getUnsignedByte(at + 5);
        if (b4 == 1 && b5 < 16) {
            return "raw";
        }
        if (b4 == 0) {
            if (b5 == '{') {
                return "json";
            }
            if (b5 >= 1 && b5 <= 7) {
                return "erpc";
            }
            if (b5 == 0x08 || b5 == 0x10 || b5 == 0x1a) {
                return "protobuf";
            }
        }
        return "unknown";
    }

    private static @Nullable String sniffHttp(ByteBuf in) {
        int n = in.readableBytes();
        int at = in.readerIndex();
        int space = in.indexOf(at, at + Math.min(n, 9), (byte) ' ');
        if (space < 0) {
            return n < 9 ? null : "unknown";
        }
        String method = in.toString(at, space - at, StandardCharsets.US_ASCII);
        if (!METHODS.contains(method)) {
            return "unknown";
        }
        if (!method.equals("GET")) {
            return "http";
        }
        // a GET may be a WebSocket upgrade: that needs the whole head
        String head = in.toString(at, Math.min(n, MAX_HEAD), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            return n >= MAX_HEAD ? "http" : null;
        }
        String lower = head.substring(0, end).toLowerCase(Locale.ROOT);
        return lower.contains("\nupgrade: websocket") || lower.contains("\nupgrade:websocket") ? "ws" : "http";
    }
}
