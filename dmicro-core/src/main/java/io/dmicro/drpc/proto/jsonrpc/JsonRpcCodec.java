package io.dmicro.drpc.proto.jsonrpc;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.proto.raw.GoJsonStrings;
import io.dmicro.drpc.proto.raw.MetaEncoding;
import io.dmicro.drpc.status.Status;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes JSON-RPC 2.0, one document per line ({@code \n} ends a line on read,
 * {@code \r\n} is written; blank lines are skipped).
 *
 * <pre>
 *   CALL   {"jsonrpc":"2.0","method":"/math/add","params":{…},"id":7}
 *   PUSH   {"jsonrpc":"2.0","method":"/chat/news","params":{…}}                  (a notification)
 *   REPLY  {"jsonrpc":"2.0","id":7,"result":…}
 *          {"jsonrpc":"2.0","id":7,"error":{"code":-32601,"message":"Method not found","data":{drpc status}}}
 * </pre>
 *
 * A method without a leading {@code /} is a dotted name: {@code math.add} is the route
 * {@code /math/add}. {@code params} and {@code result} are JSON bodies (codec {@code j}); params
 * may be a scalar as well as the object or array the specification names, since many routes take
 * one string or number. Meta
 * travels in an optional {@code "context"} object, written only when there is meta, as the
 * original does. A request's {@code id} may be any JSON value: incoming requests get a
 * connection-local seq, and the reply is written with the id the peer sent.
 *
 * <p>A batch (a JSON array) becomes one message per element and its replies go back as one array
 * once every request in it has been answered; a batch of notifications gets no answer. Because
 * the decoder must consume input for each message it returns, each element but the last consumes
 * one byte of the batch's line and the last consumes the rest.
 */
final class JsonRpcCodec implements ProtoCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final byte JSON_CODEC = 'j';
    private static final byte PROTOBUF_CODEC = 'p';
    private static final byte[] CRLF = {'\r', '\n'};

    /** A request waiting for its reply: the id to answer with, its batch, and a forced error code. */
    private record Pending(String id, @Nullable Batch batch, int errorCode) {
    }

    /** The replies of one batch, written together when the last arrives. */
    private static final class Batch {
        int expected;
        final List<String> replies = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
    }

    private final ProtoConfig config;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final ArrayDeque<Object> batchItems = new ArrayDeque<>();
    private int batchBytesLeft;
    private int nextSeq;
    /** The Go original's dialect ({@link JsonRpcDialect#GO}). */
    private final boolean go;

    JsonRpcCodec(ProtoConfig config, boolean go) {
        this.config = config;
        this.go = go;
    }

    // ---- decode -------------------------------------------------------------------------

    @Override
    public @Nullable Message decode(ByteBuf in) {
        if (!batchItems.isEmpty()) {
            return nextBatchItem(in);
        }
        while (true) {
            int start = in.readerIndex();
            int eol = in.indexOf(start, in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                if (in.readableBytes() > config.maxMessageSize()) {
                    throw ProtoException.fatal("jsonrpc proto: line longer than the limit of " + config.maxMessageSize() + " bytes");
                }
                return null;
            }
            int lineLength = eol - start + 1;
            if (lineLength > config.maxMessageSize()) {
                throw ProtoException.fatal("jsonrpc proto: line of " + lineLength + " bytes exceeds the limit of "
                        + config.maxMessageSize() + " bytes");
            }
            String line = in.toString(start, lineLength, StandardCharsets.UTF_8).strip();
            if (line.isEmpty()) {
                in.skipBytes(lineLength);
                if (!in.isReadable()) {
                    return null;
                }
                continue;
            }
            JsonNode doc;
            try {
                doc = MAPPER.readTree(line);
            } catch (tools.jackson.core.JacksonException e) {
                in.skipBytes(lineLength);
                throw requestError("null", null, JsonRpcErrors.PARSE_ERROR, "jsonrpc proto: parse error: " + e.getOriginalMessage());
            }
            if (doc != null && doc.isArray() && doc.size() > config.maxBatchSize()) {
                in.skipBytes(lineLength);
                throw requestError("null", null, JsonRpcErrors.INVALID_REQUEST, "jsonrpc proto: a batch of " + doc.size()
                        + " requests exceeds the limit of " + config.maxBatchSize() + " (maxBatchSize); none of it was run");
            }
            if (doc != null && doc.isArray() && !doc.isEmpty()) {
                Batch batch = new Batch();
                for (JsonNode element : doc) {
                    batchItems.add(item(element, batch));
                }
                batchBytesLeft = lineLength;
                return nextBatchItem(in);
            }
            in.skipBytes(lineLength);
            Object item = doc != null && doc.isObject() ? item(doc, null) : requestError("null", null,
                    JsonRpcErrors.INVALID_REQUEST, "jsonrpc proto: a request must be an object or a non-empty array");
            return unwrap(item);
        }
    }

    private @Nullable Message nextBatchItem(ByteBuf in) {
        Object item = batchItems.poll();
        int consume = batchItems.isEmpty() ? batchBytesLeft : 1;
        in.skipBytes(consume);
        batchBytesLeft -= consume;
        return unwrap(item);
    }

    private static Message unwrap(@Nullable Object item) {
        if (item instanceof ProtoException e) {
            throw e;
        }
        return (Message) item;
    }

    /** One request, notification or response: a message, or the exception that answers it. */
    private Object item(JsonNode node, @Nullable Batch batch) {
        if (!node.isObject()) {
            return requestError("null", batch, JsonRpcErrors.INVALID_REQUEST, "jsonrpc proto: a batch element is not an object");
        }
        JsonNode idNode = node.get("id");
        String id = idNode == null ? "null" : idNode.toString();
        boolean idValid = idNode == null || idNode.isNull() || idNode.isString() || idNode.isNumber();
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isString() || !version.asString().equals("2.0")) {
            return requestError(idValid ? id : "null", batch, JsonRpcErrors.INVALID_REQUEST, "jsonrpc proto: \"jsonrpc\" must be \"2.0\"");
        }
        if (!node.has("method") && (node.has("result") || node.has("error"))) {
            return response(node, idNode);
        }
        JsonNode method = node.get("method");
        JsonNode params = node.get("params");
        // params may also be a scalar (the specification asks for an object or array): drpc
        // routes often take one string or number, and refusing those would help no one
        if (!idValid || method == null || !method.isString() || method.asString().isEmpty()) {
            return requestError(idValid ? id : "null", batch, JsonRpcErrors.INVALID_REQUEST,
                    "jsonrpc proto: a request needs a string method and a string, number or null id");
        }
        boolean notification = idNode == null;
        int seq = notification ? ++nextSeq : register(new Pending(id, batch, 0));
        Message m = new Message(seq, notification ? MessageType.PUSH : MessageType.CALL, route(method.asString()));
        if (params != null) {
            m.bodyCodec(JSON_CODEC).body(MAPPER.writeValueAsBytes(params));
        } else {
            m.bodyCodec(JSON_CODEC);
        }
        readContext(node, m.meta());
        return m;
    }

    private Object response(JsonNode node, @Nullable JsonNode idNode) {
        if (idNode == null || !idNode.isIntegralNumber() || !idNode.canConvertToInt()) {
            return ProtoException.skipped("jsonrpc proto: a response's id " + idNode + " matches no call of ours");
        }
        Message m = new Message(idNode.asInt(), MessageType.REPLY, "");
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            if (!error.isObject()) {
                return ProtoException.skipped("jsonrpc proto: a response's error is not an object");
            }
            m.status(go ? JsonRpcErrors.toGoStatus(error) : JsonRpcErrors.toStatus(error));
        } else {
            JsonNode result = node.get("result");
            m.bodyCodec(JSON_CODEC).body(result == null ? null : MAPPER.writeValueAsBytes(result));
        }
        readContext(node, m.meta());
        return m;
    }

    private ProtoException requestError(String id, @Nullable Batch batch, int code, String reason) {
        int seq = register(new Pending(id, batch, code));
        return ProtoException.skipped(reason, seq, MessageType.CALL, "");
    }

    private int register(Pending p) {
        int seq = ++nextSeq;
        pending.put(seq, p);
        if (p.batch() != null) {
            p.batch().expected++;
        }
        return seq;
    }

    /** {@code /math/add} stays; a dotted {@code math.add} becomes {@code /math/add}. */
    static String route(String method) {
        return method.startsWith("/") ? method : "/" + method.replace('.', '/');
    }

    private static void readContext(JsonNode node, Meta meta) {
        JsonNode context = node.get("context");
        if (context != null && context.isObject()) {
            for (Map.Entry<String, JsonNode> e : context.properties()) {
                JsonNode v = e.getValue();
                meta.set(e.getKey(), v.isString() ? v.asString() : v.toString());
            }
        }
    }

    // ---- encode -------------------------------------------------------------------------

    @Override
    public void encode(Message m, ByteBuf out) {
        switch (m.type()) {
            case CALL -> write(out, request(m, true));
            case PUSH -> {
                if (go) {
                    // the original's jsonrpc would read a request without id as a call with id 0
                    throw ProtoException.skipped("jsonrpc-go proto: the Go original's jsonrpc carries no pushes");
                }
                write(out, request(m, false));
            }
            case REPLY -> encodeReply(m, out);
            default -> throw ProtoException.skipped("jsonrpc proto: message type " + m.type().text() + " is not supported");
        }
    }

    private String request(Message m, boolean withId) {
        if (go) {
            return goRequest(m);
        }
        StringBuilder json = new StringBuilder(64 + m.body().length);
        json.append("{\"jsonrpc\":\"2.0\",\"method\":").append(quote(m.serviceMethod()));
        if (m.body().length > 0) {
            json.append(",\"params\":").append(bodyJson(m));
        }
        if (withId) {
            json.append(",\"id\":").append(m.seq());
        }
        appendContext(json, m.meta());
        return json.append('}').toString();
    }

    /** The field order and always-present fields of the original's {@code Request} struct. */
    private String goRequest(Message m) {
        StringBuilder json = new StringBuilder(96 + m.body().length);
        json.append("{\"jsonrpc\":\"2.0\",\"method\":");
        GoJsonStrings.append(json, m.serviceMethod());
        json.append(",\"params\":").append(m.body().length == 0 ? "null" : bodyJson(m))
                .append(",\"id\":").append(m.seq())
                .append(",\"context\":").append(MetaEncoding.toJson(m.meta()));
        return json.append('}').toString();
    }

    /** The original's {@code Response} or {@code ErrorResponse}: the drpc code as error.code. */
    private String goReply(Message m, String id) {
        StringBuilder json = new StringBuilder(96 + m.body().length);
        json.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id);
        String body = m.body().length == 0 ? "null" : bodyJson(m);
        Status status = m.status();
        if (status.isOk()) {
            json.append(",\"result\":").append(body).append(",\"context\":").append(MetaEncoding.toJson(m.meta()));
        } else {
            json.append(",\"context\":").append(MetaEncoding.toJson(m.meta()))
                    .append(",\"error\":{\"code\":").append(status.code()).append(",\"message\":");
            GoJsonStrings.append(json, status.msg());
            json.append(",\"data\":").append(body).append('}');
        }
        return json.append('}').toString();
    }

    private void encodeReply(Message m, ByteBuf out) {
        Pending p = pending.remove(m.seq());
        if (go && (p == null || p.batch() == null)) {
            write(out, goReply(m, p == null ? Integer.toString(m.seq()) : p.id()));
            return;
        }
        String id = p == null ? Integer.toString(m.seq()) : p.id();
        StringBuilder json = new StringBuilder(64 + m.body().length);
        json.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id);
        Status status = m.status();
        if (status.isOk() && (p == null || p.errorCode() == 0)) {
            json.append(",\"result\":").append(m.body().length == 0 ? "null" : bodyJson(m));
        } else {
            int code = p != null && p.errorCode() != 0 ? p.errorCode() : JsonRpcErrors.toJsonRpc(status);
            String standard = JsonRpcErrors.standardMessage(code);
            json.append(",\"error\":{\"code\":").append(code)
                    .append(",\"message\":").append(quote(standard != null ? standard : status.msg()))
                    .append(",\"data\":").append(io.dmicro.drpc.status.StatusEncoding.toJson(status)).append('}');
        }
        appendContext(json, m.meta());
        json.append('}');
        Batch batch = p == null ? null : p.batch();
        if (batch == null) {
            write(out, json.toString());
            return;
        }
        batch.replies.add(json.toString());
        batch.ids.add(id);
        if (batch.replies.size() == batch.expected) {
            write(out, fitted(batch));
        }
    }

    /**
     * The batch's reply array within the frame limit: replies are taken in the order they came
     * while the rest still fit as errors; a reply that does not fit is replaced by a -32603 error
     * for its id saying so. If not even those errors fit, one error with id null says it.
     */
    private String fitted(Batch batch) {
        int limit = config.maxMessageSize() - CRLF.length;
        int n = batch.replies.size();
        String[] tooBig = new String[n];
        long[] errorsFrom = new long[n + 1]; // bytes of the errors of replies i.. plus their commas
        for (int i = n - 1; i >= 0; i--) {
            tooBig[i] = replyTooBig(batch.ids.get(i));
            errorsFrom[i] = errorsFrom[i + 1] + utf8Length(tooBig[i]) + 1;
        }
        if (2 + errorsFrom[0] - 1 > limit) {
            return "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + JsonRpcErrors.INTERNAL_ERROR
                    + ",\"message\":\"Internal error\",\"data\":" + io.dmicro.drpc.status.StatusEncoding.toJson(Status.of(500,
                    "Internal Server Error", "the batch's " + n + " replies do not fit in the frame limit of " + config.maxMessageSize()
                    + " bytes, not even as errors")) + "}}";
        }
        StringBuilder array = new StringBuilder().append('[');
        long used = 1;
        for (int i = 0; i < n; i++) {
            String reply = batch.replies.get(i);
            long length = utf8Length(reply);
            String chosen = used + length + (i > 0 ? 1 : 0) + (errorsFrom[i + 1]) + 1 <= limit ? reply : tooBig[i];
            if (i > 0) {
                array.append(',');
                used++;
            }
            array.append(chosen);
            used += chosen == reply ? length : utf8Length(chosen);
        }
        return array.append(']').toString();
    }

    private String replyTooBig(String id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + JsonRpcErrors.INTERNAL_ERROR
                + ",\"message\":\"Internal error\",\"data\":" + io.dmicro.drpc.status.StatusEncoding.toJson(Status.of(500,
                "Internal Server Error", "this reply does not fit in the batch's frame limit of " + config.maxMessageSize() + " bytes")) + "}}";
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private String bodyJson(Message m) {
        byte codec = m.bodyCodec();
        if (codec == PROTOBUF_CODEC) {
            throw ProtoException.skipped("jsonrpc proto: cannot carry a protobuf body; use the json codec");
        }
        String text = new String(m.body(), StandardCharsets.UTF_8);
        // a json (or codec-less) body is already JSON; any other text body travels as a JSON string
        return codec == JSON_CODEC || codec == 0 ? text : quote(text);
    }

    private static void appendContext(StringBuilder json, Meta meta) {
        if (!meta.isEmpty()) {
            json.append(",\"context\":").append(MetaEncoding.toJson(meta));
        }
    }

    private void write(ByteBuf out, String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        if (bytes.length + CRLF.length > config.maxMessageSize()) {
            throw ProtoException.skipped("jsonrpc proto: line of " + (bytes.length + CRLF.length)
                    + " bytes exceeds the limit of " + config.maxMessageSize() + " bytes");
        }
        out.writeBytes(bytes).writeBytes(CRLF);
    }

    private static String quote(String text) {
        return MAPPER.writeValueAsString(text);
    }
}
