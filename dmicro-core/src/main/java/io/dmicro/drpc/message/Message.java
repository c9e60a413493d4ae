package io.dmicro.drpc.message;

import io.dmicro.drpc.status.Status;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One drpc message: header (seq, type, service method, status, meta) and body (codec id and the
 * encoded bytes), plus the transfer-filter ids it travels through.
 *
 * <p>The body is always held encoded; turning objects into body bytes is the codec's job, done by
 * the session before a message reaches a {@code Proto}. A message is mutable and belongs to one
 * thread at a time.
 */
public final class Message {

    private static final byte[] EMPTY = new byte[0];

    private int seq;
    private MessageType type = MessageType.UNDEFINED;
    private String serviceMethod = "";
    private Status status = Status.OK;
    private final Meta meta;
    private byte bodyCodec;
    private byte[] body = EMPTY;
    private byte[] filterIds = EMPTY;

    public Message() {
        this.meta = new Meta();
    }

    public Message(int seq, MessageType type, String serviceMethod) {
        this();
        this.seq = seq;
        this.type = type;
        this.serviceMethod = serviceMethod;
    }

    public int seq() {
        return seq;
    }

    public Message seq(int seq) {
        this.seq = seq;
        return this;
    }

    public MessageType type() {
        return type;
    }

    public Message type(MessageType type) {
        this.type = type;
        return this;
    }

    public String serviceMethod() {
        return serviceMethod;
    }

    public Message serviceMethod(String serviceMethod) {
        this.serviceMethod = serviceMethod;
        return this;
    }

    public Status status() {
        return status;
    }

    public Message status(@Nullable Status status) {
        this.status = status == null ? Status.OK : status;
        return this;
    }

    public Meta meta() {
        return meta;
    }

    /** The body codec id; 0 means none (raw bytes). */
    public byte bodyCodec() {
        return bodyCodec;
    }

    public Message bodyCodec(byte bodyCodec) {
        this.bodyCodec = bodyCodec;
        return this;
    }

    /** The encoded body, never null. Owned by the message: do not modify a returned array. */
    public byte[] body() {
        return body;
    }

    public Message body(byte @Nullable [] body) {
        this.body = body == null ? EMPTY : body;
        return this;
    }

    /** The transfer-filter ids, outermost first. */
    public byte[] filterIds() {
        return filterIds;
    }

    public Message filterIds(byte @Nullable [] ids) {
        this.filterIds = ids == null ? EMPTY : ids;
        return this;
    }

    @Override
    public String toString() {
        return "Message{seq=" + seq + ", type=" + type.text() + ", serviceMethod='" + serviceMethod + '\''
                + ", status=" + status.code() + ", meta=" + meta + ", bodyCodec=" + bodyCodec
                + ", bodySize=" + body.length + ", filters=" + Arrays.toString(filterIds) + '}';
    }
}
