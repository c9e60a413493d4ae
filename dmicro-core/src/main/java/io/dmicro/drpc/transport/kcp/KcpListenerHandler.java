package io.dmicro.drpc.transport.kcp;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening UDP channel's handler: one {@link KcpChannel} per remote address, made when its
 * first data shard (or FEC-less KCP packet) arrives, as kcp-go's listener accepts. A packet with
 * another conversation id and sequence number 0 from a known address starts a new conversation
 * (the peer dialed again from the same port). Parity shards of an unknown peer are dropped.
 */
final class KcpListenerHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger log = LoggerFactory.getLogger(KcpListenerHandler.class);

    private final ChannelHandler childHandler;
    private final Map<InetSocketAddress, KcpChannel> conversations = new HashMap<>();

    KcpListenerHandler(ChannelHandler childHandler) {
        this.childHandler = childHandler;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        InetSocketAddress from = packet.sender();
        int type = FecFraming.type(bytes);
        int offset = type == FecFraming.TYPE_DATA ? FecFraming.HEADER : 0;
        boolean hasConv = type != FecFraming.TYPE_PARITY && bytes.length >= offset + Kcp.OVERHEAD;
        KcpChannel existing = conversations.get(from);
        if (existing != null && hasConv && Kcp.int32(bytes, offset) != existing.conv() && Kcp.int32(bytes, offset + 12) == 0) {
            existing.close();
            existing = null;
        }
        if (existing == null) {
            if (!hasConv) {
                return;
            }
            existing = accept(ctx, from, Kcp.int32(bytes, offset));
        }
        existing.datagram(bytes);
    }

    private KcpChannel accept(ChannelHandlerContext ctx, InetSocketAddress from, int conv) {
        KcpChannel[] self = new KcpChannel[1];
        KcpChannel child = new KcpChannel(ctx.channel(), ctx.channel(), from, conv, false, () -> conversations.remove(from, self[0]));
        self[0] = child;
        child.pipeline().addLast(childHandler);
        conversations.put(from, child);
        ctx.channel().eventLoop().register(child); // on this loop: registered (and active) before the first datagram is fed
        log.debug("kcp conversation {} accepted from {}", Integer.toHexString(conv), from);
        return child;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (KcpChannel c : List.copyOf(conversations.values())) {
            c.close();
        }
        super.channelInactive(ctx);
    }
}
