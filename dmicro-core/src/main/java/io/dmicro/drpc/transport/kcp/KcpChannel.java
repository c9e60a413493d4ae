package io.dmicro.drpc.transport.kcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One KCP conversation as a Netty channel: what the engine writes is cut into KCP segments and sent
 * as FEC shards (data and parity) through the UDP channel underneath; what arrives is acknowledged, put in
 * order and read out as bytes. It lives on the UDP channel's event loop. KCP has no handshake and
 * no close message: a dial is connected at once, and a peer that stops answering is noticed when
 * a segment has been sent {@code 20} times unacknowledged (the channel then closes).
 */
final class KcpChannel extends AbstractChannel {

    private static final ChannelMetadata METADATA = new ChannelMetadata(false);

    private final Channel udp;
    private final InetSocketAddress remote;
    private final boolean ownsUdp;
    private final Runnable onClose;
    private final Kcp kcp;
    private final FecEncoder fecOut = new FecEncoder();
    private final FecDecoder fecIn = new FecDecoder();
    private final ChannelConfig config = new DefaultChannelConfig(this);
    private boolean open = true;
    private @Nullable ScheduledFuture<?> ticker;

    /**
     * @param udp the UDP channel datagrams go out through
     * @param ownsUdp whether closing this channel closes {@code udp} (a dialed conversation owns its socket)
     * @param onClose run once when this channel closes
     */
    KcpChannel(@Nullable Channel parent, Channel udp, InetSocketAddress remote, int conv, boolean ownsUdp, Runnable onClose) {
        super(parent);
        this.udp = udp;
        this.remote = remote;
        this.ownsUdp = ownsUdp;
        this.onClose = onClose;
        this.kcp = new Kcp(conv, KcpTransport.MTU - FecFraming.HEADER, this::output);
    }

    int conv() {
        return kcp.conv();
    }

    /** A datagram from the peer, on the event loop. */
    void datagram(byte[] bytes) {
        if (!open) {
            return;
        }
        int type = FecFraming.type(bytes);
        long now = now();
        boolean taken = false;
        if (type == FecFraming.TYPE_DATA) {
            taken = kcp.input(bytes, FecFraming.HEADER, bytes.length - FecFraming.HEADER, now);
        } else if (type == 0) {
            taken = kcp.input(bytes, 0, bytes.length, now);
        }
        if (type != 0) {
            for (byte[] recovered : fecIn.shard(bytes)) {
                taken |= kcp.input(recovered, 0, recovered.length, now);
            }
        }
        if (!taken) {
            return;
        }
        boolean[] read = {false};
        kcp.receive(message -> {
            read[0] = true;
            pipeline().fireChannelRead(Unpooled.wrappedBuffer(message));
        });
        if (read[0]) {
            pipeline().fireChannelReadComplete();
        }
        kcp.flush(now()); // acknowledge at once, as kcp-go does with ackNoDelay
    }

    private void output(byte[] packet) {
        for (byte[] shard : fecOut.encode(packet)) {
            udp.write(new DatagramPacket(Unpooled.wrappedBuffer(shard), remote), udp.voidPromise());
        }
        udp.flush();
    }

    private void tick() {
        if (!open) {
            return;
        }
        kcp.flush(now());
        if (kcp.isDead()) {
            close();
        }
    }

    private static long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new AbstractUnsafe() {
            @Override
            public void connect(SocketAddress remoteAddress, @Nullable SocketAddress localAddress, ChannelPromise promise) {
                promise.setSuccess(); // connected from the start: KCP has no handshake
            }
        };
    }

    /** Any event loop: the channel is driven by the UDP channel's, and registered there. */
    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true;
    }

    @Override
    protected void doRegister() {
        ticker = eventLoop().scheduleAtFixedRate(this::tick, Kcp.INTERVAL, Kcp.INTERVAL, TimeUnit.MILLISECONDS);
    }

    @Override
    protected SocketAddress localAddress0() {
        return udp.localAddress();
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("a KCP conversation is bound through its UDP channel");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        if (!open) {
            return;
        }
        open = false;
        if (ticker != null) {
            ticker.cancel(false);
        }
        onClose.run();
        if (ownsUdp) {
            udp.close();
        }
    }

    @Override
    protected void doBeginRead() {
        // reads are pushed as datagrams arrive
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        for (Object msg = in.current(); msg != null; msg = in.current()) {
            if (msg instanceof ByteBuf buf) {
                if (buf.isReadable()) {
                    byte[] bytes = ByteBufUtil.getBytes(buf);
                    kcp.send(bytes, 0, bytes.length);
                }
                in.remove();
            } else {
                in.remove(new UnsupportedOperationException("a KCP channel writes ByteBufs, not " + msg.getClass().getName()));
            }
        }
        kcp.flush(now());
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open && isRegistered();
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }
}
