package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.proto.ProtoCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Frames outgoing {@link Message}s with the connection's {@link ProtoCodec}. */
final class ProtoFrameEncoder extends MessageToByteEncoder<Message> {

    private final ProtoCodec codec;

    ProtoFrameEncoder(ProtoCodec codec) {
        super(Message.class);
        this.codec = codec;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message msg, ByteBuf out) {
        codec.encode(msg, out);
    }
}
