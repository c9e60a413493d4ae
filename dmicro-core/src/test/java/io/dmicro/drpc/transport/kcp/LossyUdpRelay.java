package io.dmicro.drpc.transport.kcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A UDP relay on loopback between one client and a server that drops the client's datagrams a
 * predicate picks, to lose chosen FEC shards on the way.
 */
final class LossyUdpRelay implements AutoCloseable {

    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress server;
    private final Predicate<byte[]> dropToServer;
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile SocketAddress client;
    private final Thread up;
    private final Thread down;

    LossyUdpRelay(InetSocketAddress server, Predicate<byte[]> dropToServer) {
        try {
            this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        this.server = server;
        this.dropToServer = dropToServer;
        this.up = new Thread(this::up, "lossy-relay-up");
        this.down = new Thread(this::down, "lossy-relay-down");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
    }

    /** Where the client sends. */
    int port() {
        return front.getLocalPort();
    }

    int dropped() {
        return dropped.get();
    }

    private void up() {
        byte[] buf = new byte[65536];
        while (!front.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                front.receive(p);
                client = p.getSocketAddress();
                byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
                if (dropToServer.test(data)) {
                    dropped.incrementAndGet();
                    continue;
                }
                back.send(new DatagramPacket(data, data.length, server));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void down() {
        byte[] buf = new byte[65536];
        while (!back.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                back.receive(p);
                SocketAddress to = client;
                if (to != null) {
                    front.send(new DatagramPacket(p.getData(), p.getLength(), to));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() {
        front.close();
        back.close();
    }
}
