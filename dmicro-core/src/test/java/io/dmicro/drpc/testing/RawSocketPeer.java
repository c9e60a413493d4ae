package io.dmicro.drpc.testing;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilters;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.raw.RawProto;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.jspecify.annotations.Nullable;

/** A blocking raw-proto peer on a plain socket, for feeding an endpoint hand-made bytes. */
public final class RawSocketPeer implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final ProtoCodec codec = new RawProto().newCodec(new ProtoConfig(64 * 1024 * 1024, TransferFilters.defaults(), Codecs.defaults()));

    public RawSocketPeer(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
    }

    public void writeBytes(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    public void write(Message m) throws IOException {
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(m, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            writeBytes(bytes);
        } finally {
            out.release();
        }
    }

    /** Reads one message; null when the peer closed the connection. */
    public @Nullable Message read() throws IOException {
        int size;
        try {
            size = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        byte[] frame = new byte[size];
        frame[0] = (byte) (size >>> 24);
        frame[1] = (byte) (size >>> 16);
        frame[2] = (byte) (size >>> 8);
        frame[3] = (byte) size;
        in.readFully(frame, 4, size - 4);
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        try {
            return codec.decode(buf);
        } finally {
            buf.release();
        }
    }

    /** True once the endpoint has closed the connection (EOF or reset). */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
