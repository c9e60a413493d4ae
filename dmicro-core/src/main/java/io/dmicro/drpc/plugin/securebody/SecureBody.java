package io.dmicro.drpc.plugin.securebody;

import io.dmicro.drpc.session.CallOptions;

/** The meta keys of secure bodies and the call options that ask for them. */
public final class SecureBody {

    /** {@code true} on a message whose body is encrypted (and on a call or push, asks for it). */
    public static final String SECURE_META = "X-Secure-Body";
    /** {@code true} asks the peer to encrypt the reply, {@code false} to leave it plain. */
    public static final String REPLY_SECURE_META = "X-Reply-Secure-Body";

    private SecureBody() {
    }

    /** Encrypts this call's or push's body; a call's reply comes back encrypted too unless told otherwise. */
    public static CallOptions secure(CallOptions options) {
        return options.withMeta(SECURE_META, "true");
    }

    /** Asks for an encrypted ({@code true}) or plain ({@code false}) reply, whatever the request was. */
    public static CallOptions replySecure(CallOptions options, boolean secure) {
        return options.withMeta(REPLY_SECURE_META, Boolean.toString(secure));
    }
}
