package io.dmicro.drpc.proto.websocket;

import io.dmicro.drpc.proto.Proto;

/**
 * A proto whose messages are whole transport messages (one per WebSocket message) with no
 * framing of their own. The WebSocket transport hands its codec each message behind a 4-byte
 * big-endian length (the message's size), and takes the same prefix off what the codec writes.
 */
public interface MessageFramedProto extends Proto {

    /** Names of the built-in message-framed protos, for a dial URI's {@code ?proto=}. */
    static boolean isMessageFramed(String name) {
        return name.equalsIgnoreCase(GoWsJsonProto.NAME) || name.equalsIgnoreCase(GoWsPbProto.NAME);
    }
}
