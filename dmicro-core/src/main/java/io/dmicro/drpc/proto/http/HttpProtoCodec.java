package io.dmicro.drpc.proto.http;

import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.filter.TransferFilter;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.status.StatusEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes HTTP/1.1 messages as drpc messages, on either end of a connection.
 *
 * <pre>
 * CALL   POST /math/add?k=v HTTP/1.1            path = service method, query = meta
 *        Content-Type: application/json          = body codec (Codecs.forContentType)
 *        Content-Length: 13                      or Transfer-Encoding: chunked
 *        Expect: 100-continue                    answered with 100 Continue before the body
 *        X-Seq: 7                                optional; echoed in the reply
 *        Other-Header: v                         = meta
 *
 * REPLY  HTTP/1.1 200 OK                         body in the codec's Content-Type
 *        HTTP/1.1 299 Business Error             Content-Type: application/json,
 *                                                body {"code":…,"msg":"…","cause":"…"}
 * </pre>
 *
 * Any request method is a CALL (a GET has no body); {@code X-Mtype} may say otherwise, as in the
 * original. Requests get connection-local seqs, and replies leave in the order the requests came
 * (HTTP/1.1 pipelining), whatever order the handlers finish in. Responses are matched to this
 * side's calls by order too, so a drpc client can call any HTTP server. A gzip transfer filter
 * maps to {@code Content-Encoding: gzip}. The limit covers the head and the body together (with
 * the chunk framing of a chunked body) and is checked as soon as the head, or a chunk's size
 * line, is read.
 *
 * <p>A request the codec cannot go on from gets an HTTP answer before the connection closes: 400
 * for a malformed request line, header, length or chunk, 413 for a body over the limit, 431 for a
 * header section over 64 KiB (or the limit), 501 for a transfer coding other than chunked. When
 * earlier pipelined requests still wait for their replies, those replies go out first, in order,
 * then the error response, and then the connection closes; nothing more is read meanwhile.
 */
final class HttpProtoCodec implements ProtoCodec {

    private static final int MAX_HEAD = 64 * 1024;
    private static final String USER_AGENT = "dmicro-httpproto/1.1";
    private static final String GZIP = "gzip";
    /** Headers that describe the HTTP exchange itself and so never become meta. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "content-length", "content-type",
            "connection", "keep-alive", "transfer-encoding", "expect", "upgrade", "x-seq", "x-mtype",
            "content-encoding", "x-content-encoding", "accept-encoding", "user-agent", "te", "trailer");

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ProtoConfig config;
    /** The head of the message being read, once it is complete. */
    private @Nullable HttpHead head;
    /** The body length the head declared, for a body that is not chunked. */
    private long bodyLength;
    /** The chunked body being read, if the head said so. */
    private @Nullable ChunkedBodyReader chunks;
    /** Bytes to send on this codec's own account: a 100 Continue, or the error before a close. */
    private byte @Nullable [] outbound;
    /** Internal seqs of requests read, in arrival order, that still owe a response. */
    private final ArrayDeque<Integer> owed = new ArrayDeque<>();
    /** The X-Seq a request carried, to echo back. */
    private final Map<Integer, String> peerSeqs = new HashMap<>();
    /** Replies ready before an earlier request's reply, waiting for their turn. */
    private final Map<Integer, Message> early = new HashMap<>();
    /** Seqs of this side's calls, in the order written, matched to responses by order. */
    private final ArrayDeque<Integer> sent = new ArrayDeque<>();
    private int nextSeq;
    /** The error response of a fatal request that came after requests still owed a reply: sent after them. */
    private byte @Nullable [] lastWords;
    /** Set once {@link #lastWords} went out: the connection closes after that write. */
    private boolean finished;
    /** Set once this side has read a request: it is the HTTP server here, and HTTP lets a server only respond. */
    private boolean serving;

    HttpProtoCodec(ProtoConfig config) {
        this.config = config;
    }

    // ---- decode -------------------------------------------------------------------------

    @Override
    public @Nullable Message decode(ByteBuf in) {
        try {
            return decodeMessage(in);
        } catch (HttpFailure e) {
            boolean answer = e.answer() && (head == null || !head.response());
            head = null;
            chunks = null;
            if (answer) {
                if (owed.isEmpty()) {
                    outbound = errorResponse(e);
                } else {
                    lastWords = errorResponse(e); // after the replies still owed, in request order
                }
            }
            throw ProtoException.fatal("http proto: " + e.getMessage());
        }
    }

    @Override
    public boolean closesAfterOwedReplies() {
        return lastWords != null;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public byte @Nullable [] takeOutbound() {
        byte[] bytes = outbound;
        outbound = null;
        return bytes;
    }

    private @Nullable Message decodeMessage(ByteBuf in) {
        if (head == null) {
            HttpHead h = readHead(in);
            if (h == null) {
                return null;
            }
            head = h;
            startBody(h, in);
        }
        HttpHead h = head;
        byte[] body;
        int size;
        if (chunks != null) {
            size = chunks.read(in);
            if (size < 0) {
                return null;
            }
            body = chunks.body();
            chunks = null;
        } else {
            size = h.length() + (int) bodyLength;
            if (in.readableBytes() < size) {
                return null;
            }
            body = new byte[(int) bodyLength];
            in.getBytes(in.readerIndex() + h.length(), body);
        }
        head = null;
        in.skipBytes(size);
        return h.response() ? response(h, body) : request(h, body);
    }

    /**
     * Learns how the body is framed and checks its size before any of it is awaited; answers
     * {@code Expect: 100-continue} when the client waits for it (no body byte has come yet).
     */
    private void startBody(HttpHead h, ByteBuf in) {
        boolean answer = !h.response();
        String transferEncoding = h.header("Transfer-Encoding");
        if (transferEncoding != null) {
            if (h.header("Content-Length") != null) {
                throw new HttpFailure(400, "a message may not have both Transfer-Encoding and Content-Length", answer);
            }
            if (!transferEncoding.strip().equalsIgnoreCase("chunked")) {
                throw new HttpFailure(501, "unsupported Transfer-Encoding: " + transferEncoding + " (only chunked)", answer);
            }
            chunks = new ChunkedBodyReader(h.length(), config.maxMessageSize());
        } else {
            try {
                bodyLength = h.contentLength();
            } catch (IllegalArgumentException e) {
                throw new HttpFailure(400, e.getMessage(), answer);
            }
            long size = h.length() + bodyLength;
            if (size > config.maxMessageSize()) {
                throw new HttpFailure(413, "frame size " + size + " exceeds the limit of " + config.maxMessageSize() + " bytes", answer);
            }
        }
        String expect = h.header("Expect");
        if (answer && (chunks != null || bodyLength > 0) && expect != null && expect.strip().equalsIgnoreCase("100-continue")
                && in.readableBytes() <= h.length()) {
            outbound = CONTINUE;
        }
    }

    /** The answer to a request that ends the connection: its status, the JSON status as body, then close. */
    private static byte[] errorResponse(HttpFailure e) {
        byte[] body = StatusEncoding.toJson(Status.of(e.status(), e.reason(), e.getMessage())).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + e.status() + " " + e.reason() + "\r\n"
                + "Content-Type: application/json;charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }

    private @Nullable HttpHead readHead(ByteBuf in) {
        int start = in.readerIndex();
        int end = headEnd(in);
        int maxHead = Math.min(MAX_HEAD, config.maxMessageSize());
        if (end < 0) {
            if (in.readableBytes() > maxHead) {
                boolean answer = !in.toString(start, Math.min(5, in.readableBytes()), StandardCharsets.ISO_8859_1).startsWith("HTTP/");
                throw new HttpFailure(431, "header section longer than " + maxHead + " bytes", answer);
            }
            return null;
        }
        int length = end - start;
        // some clients send a stray CRLF after a body; skip blank lines before a start line
        String text = in.toString(start, length - 4, StandardCharsets.UTF_8);
        String stripped = text.stripLeading();
        try {
            return HttpHead.parse(stripped, length);
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(400, e.getMessage(), !stripped.startsWith("HTTP/"));
        }
    }

    /** The index just after the blank line that ends the head, or -1. */
    private static int headEnd(ByteBuf in) {
        int from = in.readerIndex();
        int to = in.writerIndex();
        for (int i = in.indexOf(from, to, (byte) '\n'); i >= 0 && i + 2 < to + 1; i = in.indexOf(i + 1, to, (byte) '\n')) {
            if (i + 2 < to && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private Message request(HttpHead h, byte[] body) {
        QueryStringDecoder uri = new QueryStringDecoder(h.target());
        int seq = ++nextSeq;
        MessageType type = MessageType.CALL;
        String mtype = h.header("X-Mtype");
        if (mtype != null) {
            try {
                type = MessageType.fromCode(Integer.parseInt(mtype.strip()));
            } catch (NumberFormatException e) {
                type = MessageType.UNDEFINED;
            }
        }
        Message m = new Message(seq, type, uri.path());
        if (type == MessageType.CALL || type == MessageType.AUTH_CALL) {
            serving = true;
            owed.add(seq);
            String peerSeq = h.header("X-Seq");
            if (peerSeq != null) {
                peerSeqs.put(seq, peerSeq);
            }
        }
        for (Map.Entry<String, List<String>> p : uri.parameters().entrySet()) {
            m.meta().set(p.getKey(), p.getValue().isEmpty() ? "" : p.getValue().get(0));
        }
        try {
            readHeadersAndBody(h, body, m);
        } catch (IllegalArgumentException e) {
            throw ProtoException.skipped("http proto: " + e.getMessage(), seq, type, m.serviceMethod());
        }
        return m;
    }

    private Message response(HttpHead h, byte[] body) {
        Integer seq = replySeq(h);
        if (seq == null) {
            throw ProtoException.skipped("http proto: a response arrived for no request");
        }
        Message m = new Message(seq, MessageType.REPLY, "");
        try {
            if (h.statusCode() == 200) {
                readHeadersAndBody(h, body, m);
            } else if (h.statusCode() == 299) {
                readHeadersAndBody(h, new byte[0], m);
                m.status(StatusEncoding.fromJson(new String(body, StandardCharsets.UTF_8)));
            } else {
                readHeadersAndBody(h, new byte[0], m);
                m.status(Status.of(h.statusCode(), h.reason(), "HTTP status " + h.statusCode()));
            }
        } catch (IllegalArgumentException e) {
            throw ProtoException.skipped("http proto: " + e.getMessage(), seq, MessageType.REPLY, "");
        }
        return m;
    }

    /**
     * The call a response answers: the one its {@code X-Seq} names when we sent that call (the Go
     * original's http proto answers pipelined calls as its handlers finish, out of order, and
     * tells which by {@code X-Seq}), else the oldest call still open, as HTTP orders responses.
     */
    private @Nullable Integer replySeq(HttpHead h) {
        String peerSeq = h.header("X-Seq");
        if (peerSeq != null) {
            try {
                Integer seq = Integer.valueOf(peerSeq.trim());
                if (sent.remove(seq)) {
                    return seq;
                }
            } catch (NumberFormatException ignored) {
                // not ours: fall back to the order
            }
        }
        return sent.poll();
    }

    private void readHeadersAndBody(HttpHead h, byte[] body, Message m) {
        for (Map.Entry<String, String> e : h.headers()) {
            if (!TRANSPORT_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                m.meta().set(e.getKey(), e.getValue());
            }
        }
        String contentType = h.header("Content-Type");
        if (contentType != null) {
            Codec codec = config.codecs().forContentType(contentType);
            m.bodyCodec(codec == null ? 0 : codec.id());
        }
        String encoding = h.header("Content-Encoding");
        if (encoding != null && encoding.strip().equalsIgnoreCase(GZIP) && body.length > 0) {
            TransferFilter gzip = config.filters().get(GZIP);
            if (gzip == null) {
                throw new IllegalArgumentException("Content-Encoding gzip, but no gzip transfer filter is registered");
            }
            body = gzip.onUnpack(body, config.maxMessageSize());
            m.filterIds(new byte[] {gzip.id()});
        }
        m.body(body);
    }

    // ---- encode -------------------------------------------------------------------------

    @Override
    public void encode(Message m, ByteBuf out) {
        switch (m.type()) {
            case CALL, AUTH_CALL -> {
                if (serving) {
                    // an HTTP client (curl, a browser) would read a request where it expects a response
                    throw ProtoException.skipped("http proto: this connection was opened by an HTTP client and can only be answered");
                }
                writeRequest(m, out);
                sent.add(m.seq());
            }
            case REPLY, AUTH_REPLY -> encodeReply(m, out);
            default -> throw ProtoException.skipped("http proto: message type " + m.type().text() + " is not supported");
        }
    }

    /** Writes replies in request order: this one now if it is next, else when its turn comes. */
    private void encodeReply(Message m, ByteBuf out) {
        if (!owed.contains(m.seq())) {
            writeResponse(m, out);
            return;
        }
        early.put(m.seq(), m);
        while (!owed.isEmpty() && early.containsKey(owed.peek())) {
            int seq = owed.poll();
            writeResponse(early.remove(seq), out);
        }
        byte[] last = lastWords;
        if (last != null && owed.isEmpty()) {
            out.writeBytes(last);
            lastWords = null;
            finished = true;
        }
    }

    private void writeRequest(Message m, ByteBuf out) {
        String target = m.serviceMethod();
        String host = "localhost";
        if (target.startsWith("http://") || target.startsWith("https://")) {
            java.net.URI uri = java.net.URI.create(target);
            host = uri.getRawAuthority();
            target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        if (target.isEmpty() || target.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw ProtoException.skipped("http proto: service method is not a valid request target: " + target);
        }
        StringBuilder head = new StringBuilder(128);
        head.append("POST ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("User-Agent: ").append(USER_AGENT).append("\r\n")
                .append("X-Seq: ").append(m.seq()).append("\r\n");
        if (m.type() != MessageType.CALL) {
            head.append("X-Mtype: ").append(m.type().code()).append("\r\n");
        }
        writeMessage(head, m, m.body(), contentType(m.bodyCodec()), out);
    }

    private void writeResponse(Message m, ByteBuf out) {
        String peerSeq = peerSeqs.remove(m.seq());
        StringBuilder head = new StringBuilder(128);
        byte[] body;
        String contentType;
        if (m.status().isOk()) {
            head.append("HTTP/1.1 200 OK\r\n");
            body = m.body();
            contentType = contentType(m.bodyCodec());
        } else {
            head.append("HTTP/1.1 299 Business Error\r\n");
            body = StatusEncoding.toJson(m.status()).getBytes(StandardCharsets.UTF_8);
            contentType = "application/json;charset=utf-8";
        }
        if (peerSeq != null) {
            head.append("X-Seq: ").append(peerSeq).append("\r\n");
        }
        if (m.type() != MessageType.REPLY) {
            head.append("X-Mtype: ").append(m.type().code()).append("\r\n");
        }
        int start = out.writerIndex();
        try {
            writeMessage(head, m, body, contentType, out);
        } catch (ProtoException e) {
            // an HTTP client waits for an answer whatever happens: send the failure instead
            out.writerIndex(start);
            Message failure = new Message(m.seq(), MessageType.REPLY, "")
                    .status(Status.withCause(Status.INTERNAL_SERVER_ERROR, e.status().cause()));
            peerSeqs.put(m.seq(), peerSeq == null ? Integer.toString(m.seq()) : peerSeq);
            writeResponse(failure, out);
        }
    }

    private void writeMessage(StringBuilder head, Message m, byte[] body, String contentType, ByteBuf out) {
        if (m.filterIds().length > 0) {
            TransferFilter gzip = config.filters().get(GZIP);
            if (m.filterIds().length != 1 || gzip == null || m.filterIds()[0] != gzip.id()) {
                throw ProtoException.skipped("http proto: only the gzip transfer filter can travel over HTTP");
            }
            if (body.length > 0) {
                body = gzip.onPack(body);
                head.append("Content-Encoding: gzip\r\n").append("X-Content-Encoding: gzip\r\n");
            }
        }
        head.append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        m.meta().forEach((k, v) -> {
            if (isToken(k) && !TRANSPORT_HEADERS.contains(k.toLowerCase(Locale.ROOT)) && isFieldValue(v)) {
                head.append(k).append(": ").append(v).append("\r\n");
            }
        });
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        long size = (long) headBytes.length + body.length;
        if (size > config.maxMessageSize()) {
            throw ProtoException.skipped("http proto: frame size " + size + " exceeds the limit of " + config.maxMessageSize() + " bytes");
        }
        out.ensureWritable((int) size);
        out.writeBytes(headBytes).writeBytes(body);
    }

    private String contentType(byte codecId) {
        Codec codec = codecId == 0 ? null : config.codecs().get(codecId);
        return codec == null ? "application/octet-stream" : codec.contentType() + ";charset=utf-8";
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFieldValue(String s) {
        return s.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }
}
