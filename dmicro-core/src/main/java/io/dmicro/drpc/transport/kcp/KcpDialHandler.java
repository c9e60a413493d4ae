package io.dmicro.drpc.transport.kcp;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.jspecify.annotations.Nullable;

/**
 * A dialed conversation's UDP channel handler: feeds its datagrams to the conversation, and closes
 * the conversation when the socket fails (a connected UDP socket reports an ICMP "port
 * unreachable" from a host where nothing listens).
 */
final class KcpDialHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private @Nullable KcpChannel conversation;

    void conversation(KcpChannel conversation) {
        this.conversation = conversation;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (conversation != null) {
            conversation.datagram(ByteBufUtil.getBytes(packet.content()));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (conversation != null) {
            conversation.close();
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (conversation != null) {
            conversation.close();
        }
    }
}
