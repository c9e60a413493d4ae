package io.dmicro.drpc.router;

import io.dmicro.drpc.message.Meta;

/** The context of an incoming call: everything about the request, and settings for the reply. */
public interface CallContext extends InboundContext {

    /** Meta to send with the reply. */
    Meta replyMeta();

    /**
     * Chooses the reply body codec by name. Without it, the reply uses the codec the caller asked
     * for in {@code X-Accept-Body-Codec}, else the request's codec.
     */
    void setReplyBodyCodec(String codecName);
}
