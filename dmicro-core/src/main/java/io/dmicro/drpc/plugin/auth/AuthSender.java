package io.dmicro.drpc.plugin.auth;

import org.jspecify.annotations.Nullable;

/** Sends the one AUTH_CALL of a handshake and waits for its AUTH_REPLY; a second use fails with 104. */
@FunctionalInterface
public interface AuthSender {

    <T> AuthReply<T> send(@Nullable Object credentials, Class<T> replyType);
}
