package io.dmicro.drpc.proto.websocket;

import io.dmicro.drpc.filter.FilterException;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.proto.raw.GoJsonStrings;
import io.dmicro.drpc.proto.raw.MetaEncoding;
import io.dmicro.drpc.status.StatusEncoding;
import io.netty.buffer.ByteBuf;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the original's {@code jsonSubProto}. What the format itself cannot do, and so
 * neither side can: the transfer filters apply to the body only and their output must be UTF-8
 * text (so gzip, aes and md5 cannot be used here), and a body must be text (no protobuf). The
 * original has no status field: a Go peer reads every reply as OK. We add {@code "status"} (drpc's
 * JSON status, as a string) to replies that are not OK; Go ignores it, a Java peer reads it.
 */
final class GoWsJsonCodec implements ProtoCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final ProtoConfig config;

    GoWsJsonCodec(ProtoConfig config) {
        this.config = config;
    }

    @Override
    public @Nullable Message decode(ByteBuf in) {
        byte[] bytes = MessageFrames.next(in, config.maxMessageSize(), GoWsJsonProto.NAME);
        if (bytes == null) {
            return null;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw ProtoException.skipped("ws-json proto: message is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ProtoException.skipped("ws-json proto: message is not a JSON object");
        }
        int seq = node.path("seq").asInt();
        MessageType type;
        try {
            type = MessageType.fromCode(node.path("mtype").asInt());
        } catch (IllegalArgumentException e) {
            throw ProtoException.skipped("ws-json proto: " + e.getMessage());
        }
        String method = node.path("serviceMethod").asString("");
        try {
            Message m = new Message(seq, type, method).bodyCodec((byte) node.path("bodyCodec").asInt());
            String meta = node.path("meta").asString("");
            MetaEncoding.fromJson(meta, m.meta());
            JsonNode status = node.get("status");
            if (status != null && status.isString()) {
                m.status(StatusEncoding.fromJson(status.asString()));
            }
            JsonNode ptf = node.path("ptf");
            byte[] ids = new byte[ptf.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (byte) ptf.get(i).asInt();
            }
            byte[] body = node.path("body").asString("").getBytes(StandardCharsets.UTF_8);
            m.filterIds(ids).body(config.filters().unpack(ids, body, config.maxMessageSize()));
            return m;
        } catch (IllegalArgumentException | FilterException e) {
            throw ProtoException.skipped("ws-json proto: " + e.getMessage(), seq, type, method);
        }
    }

    @Override
    public void encode(Message m, ByteBuf out) {
        byte[] body = config.filters().pack(m.filterIds(), m.body());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProtoException.skipped("ws-json proto: carries text bodies only (the body, after its filters, is not UTF-8); use ws-pb");
        }
        StringBuilder json = new StringBuilder(128 + text.length());
        json.append("{\"seq\":").append(m.seq()).append(",\"mtype\":").append(m.type().code() & 0xFF)
                .append(",\"serviceMethod\":");
        GoJsonStrings.append(json, m.serviceMethod());
        json.append(",\"meta\":");
        GoJsonStrings.append(json, MetaEncoding.toJson(m.meta()));
        if (!m.status().isOk()) {
            json.append(",\"status\":");
            GoJsonStrings.append(json, StatusEncoding.toJson(m.status()));
        }
        json.append(",\"bodyCodec\":").append(m.bodyCodec() & 0xFF).append(",\"body\":");
        GoJsonStrings.append(json, text);
        json.append(",\"ptf\":[");
        byte[] ids = m.filterIds();
        for (int i = 0; i < ids.length; i++) {
            json.append(i == 0 ? "" : ",").append(ids[i] & 0xFF);
        }
        json.append("]}");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > config.maxMessageSize()) {
            throw ProtoException.skipped("ws-json proto: message of " + bytes.length + " bytes exceeds the limit of " + config.maxMessageSize() + " bytes");
        }
        MessageFrames.write(out, bytes);
    }
}
