package io.dmicro.drpc.proto.websocket;

import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;

/**
 * The Go original's default WebSocket sub-proto ({@code mixer/websocket/jsonSubProto}), named
 * {@code ws-json}: each WebSocket message is one JSON object
 * {@code {"seq":N,"mtype":N,"serviceMethod":"…","meta":"<meta JSON as a string>","bodyCodec":N,"body":"<body text>","ptf":[filter ids]}}.
 * See {@link GoWsJsonCodec} for what it cannot carry.
 */
public final class GoWsJsonProto implements MessageFramedProto {

    public static final String NAME = "ws-json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProtoCodec newCodec(ProtoConfig config) {
        return new GoWsJsonCodec(config);
    }
}
