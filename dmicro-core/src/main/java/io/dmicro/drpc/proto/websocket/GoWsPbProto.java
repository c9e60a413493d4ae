package io.dmicro.drpc.proto.websocket;

import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;

/**
 * The Go original's protobuf WebSocket sub-proto ({@code mixer/websocket/pbSubProto}), named
 * {@code ws-pb}: each WebSocket message is one protobuf {@code payload {int32 seq=1; int32
 * mtype=2; string serviceMethod=3; bytes meta=4; int32 bodyCodec=5; bytes body=6; bytes
 * pipeTFilter=7;}}. Needs protobuf-java on the classpath.
 */
public final class GoWsPbProto implements MessageFramedProto {

    public static final String NAME = "ws-pb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProtoCodec newCodec(ProtoConfig config) {
        return new GoWsPbCodec(config);
    }
}
