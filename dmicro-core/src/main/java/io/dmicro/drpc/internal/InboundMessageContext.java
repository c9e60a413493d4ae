package io.dmicro.drpc.internal;

import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.router.Route;
import io.dmicro.drpc.session.Session;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One incoming message on its way through hooks and handler: the context handlers and read hooks see. */
final class InboundMessageContext implements CallContext, PushContext, ReadContext {

    private final DefaultSession session;
    private final Message input;
    private @Nullable Map<String, Object> attributes;
    private @Nullable OutboundMessageContext sharedFrom;
    private @Nullable Meta replyMeta;
    private byte replyCodec;
    @Nullable Route route;
    @Nullable Object body;
    /** {@link #deadlineNanos()}; fixed by {@link #startDeadline()} as a call arrives. */
    private long deadlineNanos;

    InboundMessageContext(DefaultSession session, Message input) {
        this.session = session;
        this.input = input;
    }

    /**
     * Fixes the deadline of an arriving call from the caller's {@link Meta#TIMEOUT} and the
     * endpoint's context age. Without either, nothing is read from the clock. A timeout that is
     * not a positive number of milliseconds is ignored (the call runs without the caller's deadline).
     */
    void startDeadline() {
        long age = session.engine.config.contextAgeNanos();
        String sent = input.meta().get(Meta.TIMEOUT);
        if (sent == null && age == 0) {
            return;
        }
        long limit = age;
        if (sent != null) {
            long millis = parseMillis(sent);
            if (millis > 0 && (limit == 0 || millis * 1_000_000L < limit)) {
                limit = millis * 1_000_000L;
            }
        }
        if (limit > 0) {
            long deadline = System.nanoTime() + limit;
            deadlineNanos = deadline == 0 ? 1 : deadline;
        }
    }

    private static long parseMillis(String text) {
        if (text.isEmpty() || text.length() > 12) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** Whether the call has a deadline and it has passed. */
    boolean pastDeadline() {
        return deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public Message input() {
        return input;
    }

    @Override
    public @Nullable Object body() {
        return body;
    }

    @Override
    public String serviceMethod() {
        return input.serviceMethod();
    }

    @Override
    public int seq() {
        return input.seq();
    }

    @Override
    public Map<String, String> meta() {
        return input.meta().asMap();
    }

    @Override
    public byte bodyCodec() {
        return input.bodyCodec();
    }

    @Override
    public byte[] bodyBytes() {
        return input.body();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T decodeBody(Type type) {
        return (T) session.engine.codecs.decodeBody(input.body(), effectiveCodec(), type);
    }

    /** The codec to decode with: the message's, or the endpoint default when the body came raw. */
    byte effectiveCodec() {
        return input.bodyCodec() != 0 ? input.bodyCodec() : session.engine.defaultCodecId;
    }

    @Override
    public String realIp() {
        String real = input.meta().get(Meta.REAL_IP);
        if (real != null && !real.isEmpty()) {
            return real;
        }
        return Addresses.format(session.remoteAddress());
    }

    @Override
    public Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = sharedFrom != null ? sharedFrom.attributes() : new HashMap<>(4);
        }
        return attributes;
    }

    @Override
    public Meta replyMeta() {
        if (replyMeta == null) {
            replyMeta = new Meta();
        }
        return replyMeta;
    }

    /** Shares the attributes of the call this message replies to; nothing is allocated unless a hook asks. */
    void shareAttributes(@Nullable OutboundMessageContext call) {
        sharedFrom = call;
    }

    @Nullable Meta replyMetaOrNull() {
        return replyMeta;
    }

    @Override
    public void setReplyBodyCodec(String codecName) {
        replyCodec = session.engine.codecs.require(codecName).id();
    }

    /**
     * The reply codec (reference §7.3): one set by the handler, else a valid
     * {@code X-Accept-Body-Codec}, else the request's, else the endpoint default.
     */
    byte replyCodec() {
        byte asked = askedReplyCodec();
        return asked != 0 ? asked : effectiveCodec();
    }

    /** The reply codec the handler set or the caller asked for with a valid {@code X-Accept-Body-Codec}; 0 when neither did. */
    byte askedReplyCodec() {
        if (replyCodec != 0) {
            return replyCodec;
        }
        String accept = input.meta().get(Meta.ACCEPT_BODY_CODEC);
        if (accept != null && !accept.isEmpty() && accept.length() <= 3) {
            try {
                int id = Integer.parseInt(accept);
                Codec c = id > 0 && id < 256 ? session.engine.codecs.get((byte) id) : null;
                if (c != null) {
                    return c.id();
                }
            } catch (NumberFormatException ignored) {
                // an invalid accept header is ignored, as in the original
            }
        }
        return 0;
    }
}
