package io.dmicro.drpc.transport.kcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The KCP protocol state of one conversation (the ARQ of skywind3000's ikcp, as kcp-go speaks it):
 * ordered, reliable delivery over datagrams with selective and cumulative acks, retransmission
 * timers and a fast resend. Not thread-safe: one event loop drives it. Every segment has this
 * 24-byte header, little endian:
 *
 * <pre>
 * +------------+-----+-----+--------+------------+------------+------------+------------+----------+
 * | conv (4)   |cmd 1|frg 1| wnd (2)| ts (4)     | sn (4)     | una (4)    | len (4)    | data ... |
 * +------------+-----+-----+--------+------------+------------+------------+------------+----------+
 * cmd: 81 push (data), 82 ack, 83 window probe (ask), 84 window size (tell)
 * </pre>
 *
 * The settings are kcp-go's defaults, which Go DMicro leaves alone: no "nodelay", a 100 ms flush
 * interval, windows of 32 segments, fast resend off. Unlike kcp-go this side sends without a
 * congestion window (ikcp's nocwnd), which changes only the pacing, never the wire.
 */
final class Kcp {

    static final int OVERHEAD = 24;
    static final int CMD_PUSH = 81;
    static final int CMD_ACK = 82;
    static final int CMD_WASK = 83;
    static final int CMD_WINS = 84;
    static final int WND_SND = 32;
    static final int WND_RCV = 32;
    static final int INTERVAL = 100;
    private static final int RTO_MIN = 100;
    private static final int RTO_DEF = 200;
    private static final int RTO_MAX = 60000;
    private static final int DEAD_LINK = 20;
    private static final int PROBE_INIT = 7000;
    private static final int PROBE_LIMIT = 120000;
    private static final int ASK_SEND = 1;
    private static final int ASK_TELL = 2;

    private final int conv;
    private final int mtu;
    private final int mss;
    private final Consumer<byte[]> output;

    private int sndUna;
    private int sndNxt;
    private int rcvNxt;
    private int rmtWnd = WND_RCV;
    private int rxSrtt;
    private int rxRttval;
    private int rxRto = RTO_DEF;
    private int probe;
    private long probeWait;
    private long tsProbe;
    private boolean dead;

    private final ArrayDeque<Segment> sndQueue = new ArrayDeque<>();
    private final List<Segment> sndBuf = new ArrayList<>();
    private final ArrayDeque<Segment> rcvQueue = new ArrayDeque<>();
    private final List<Segment> rcvBuf = new ArrayList<>();
    private final List<long[]> acks = new ArrayList<>();

    /**
     * @param mtu the largest packet {@code output} may be given (KCP bytes only, any outer header excluded)
     * @param output sends one packet
     */
    Kcp(int conv, int mtu, Consumer<byte[]> output) {
        if (mtu < OVERHEAD + 1) {
            throw new IllegalArgumentException("kcp mtu too small: " + mtu);
        }
        this.conv = conv;
        this.mtu = mtu;
        this.mss = mtu - OVERHEAD;
        this.output = output;
    }

    int conv() {
        return conv;
    }

    /** Whether a segment went unacknowledged through {@value #DEAD_LINK} retransmissions: the peer is gone. */
    boolean isDead() {
        return dead;
    }

    /** Segments waiting to be sent or acknowledged. */
    int waitSnd() {
        return sndBuf.size() + sndQueue.size();
    }

    /**
     * Queues bytes to send, cut into segments of at most one MSS, each its own message (frg 0), as
     * kcp-go's {@code UDPSession.Write} sends a stream.
     */
    void send(byte[] data, int offset, int length) {
        for (int i = 0; i < length; i += mss) {
            int n = Math.min(mss, length - i);
            byte[] chunk = new byte[n];
            System.arraycopy(data, offset + i, chunk, 0, n);
            Segment seg = new Segment(chunk);
            seg.frg = 0;
            sndQueue.add(seg);
        }
    }

    /** Takes every message now complete and in order, in order; each whole (its fragments joined). */
    void receive(Consumer<byte[]> sink) {
        boolean windowWasFull = rcvQueue.size() >= WND_RCV;
        while (!rcvQueue.isEmpty()) {
            int count = 0;
            int size = 0;
            boolean complete = false;
            for (Segment seg : rcvQueue) {
                count++;
                size += seg.data.length;
                if (seg.frg == 0) {
                    complete = true;
                    break;
                }
            }
            if (!complete) {
                break;
            }
            byte[] message = new byte[size];
            int at = 0;
            for (int i = 0; i < count; i++) {
                Segment seg = rcvQueue.poll();
                System.arraycopy(seg.data, 0, message, at, seg.data.length);
                at += seg.data.length;
            }
            sink.accept(message);
        }
        moveReceived();
        if (windowWasFull && rcvQueue.size() < WND_RCV) {
            probe |= ASK_TELL; // tell the peer our window opened
        }
    }

    /**
     * Feeds one packet (one or more segments). Returns false for a packet that is not this
     * conversation's or is malformed; nothing of it is taken then.
     */
    boolean input(byte[] data, int offset, int length, long now) {
        if (length < OVERHEAD) {
            return false;
        }
        int at = offset;
        int end = offset + length;
        int prevUna = sndUna;
        int maxAck = 0;
        boolean sawAck = false;
        while (end - at >= OVERHEAD) {
            int segConv = int32(data, at);
            int cmd = data[at + 4] & 0xff;
            int frg = data[at + 5] & 0xff;
            int wnd = int16(data, at + 6);
            int ts = int32(data, at + 8);
            int sn = int32(data, at + 12);
            int una = int32(data, at + 16);
            int len = int32(data, at + 20);
            at += OVERHEAD;
            if (segConv != conv || len < 0 || end - at < len) {
                return false;
            }
            if (cmd != CMD_PUSH && cmd != CMD_ACK && cmd != CMD_WASK && cmd != CMD_WINS) {
                return false;
            }
            rmtWnd = wnd;
            parseUna(una);
            shrinkBuf();
            switch (cmd) {
                case CMD_ACK -> {
                    int rtt = (int) now - ts;
                    if (rtt >= 0) {
                        updateRtt(rtt);
                    }
                    parseAck(sn);
                    shrinkBuf();
                    if (!sawAck || diff(sn, maxAck) > 0) {
                        maxAck = sn;
                        sawAck = true;
                    }
                }
                case CMD_PUSH -> {
                    if (diff(sn, rcvNxt + WND_RCV) < 0) {
                        acks.add(new long[] {sn & 0xffffffffL, ts & 0xffffffffL});
                        if (diff(sn, rcvNxt) >= 0) {
                            byte[] payload = new byte[len];
                            System.arraycopy(data, at, payload, 0, len);
                            Segment seg = new Segment(payload);
                            seg.sn = sn;
                            seg.frg = frg;
                            parseData(seg);
                        }
                    }
                }
                case CMD_WASK -> probe |= ASK_TELL;
                default -> {
                    // CMD_WINS: the window was read from the header above
                }
            }
            at += len;
        }
        if (sawAck) {
            for (Segment seg : sndBuf) {
                if (diff(maxAck, seg.sn) > 0) {
                    seg.fastack++;
                }
            }
        }
        return diff(sndUna, prevUna) >= 0;
    }

    /** Sends what is due: acks, window probes, new segments within the windows, retransmissions. */
    void flush(long now) {
        int current = (int) now;
        byte[] buffer = new byte[mtu];
        int[] used = {0};
        int wnd = Math.max(0, WND_RCV - rcvQueue.size());

        for (long[] ack : acks) {
            put(buffer, used, CMD_ACK, 0, wnd, (int) ack[1], (int) ack[0], rcvNxt, null);
        }
        acks.clear();

        if (rmtWnd == 0) {
            if (probeWait == 0) {
                probeWait = PROBE_INIT;
                tsProbe = now + probeWait;
            } else if (now >= tsProbe) {
                probeWait = Math.min(PROBE_LIMIT, Math.max(PROBE_INIT, probeWait + probeWait / 2));
                tsProbe = now + probeWait;
                probe |= ASK_SEND;
            }
        } else {
            probeWait = 0;
            tsProbe = 0;
        }
        if ((probe & ASK_SEND) != 0) {
            put(buffer, used, CMD_WASK, 0, wnd, 0, 0, rcvNxt, null);
        }
        if ((probe & ASK_TELL) != 0) {
            put(buffer, used, CMD_WINS, 0, wnd, 0, 0, rcvNxt, null);
        }
        probe = 0;

        int window = Math.min(WND_SND, rmtWnd);
        while (diff(sndNxt, sndUna + window) < 0 && !sndQueue.isEmpty()) {
            Segment seg = sndQueue.poll();
            seg.sn = sndNxt++;
            seg.resendts = current;
            seg.rto = rxRto;
            seg.xmit = 0;
            sndBuf.add(seg);
        }

        for (Segment seg : sndBuf) {
            boolean send = false;
            if (seg.xmit == 0) {
                send = true;
                seg.xmit = 1;
                seg.rto = rxRto;
                seg.resendts = current + seg.rto + RTO_MIN / 8;
            } else if (diff(current, seg.resendts) >= 0) {
                send = true;
                seg.xmit++;
                seg.rto = Math.min(RTO_MAX, seg.rto + Math.max(seg.rto, rxRto));
                seg.resendts = current + seg.rto;
            }
            if (send) {
                put(buffer, used, CMD_PUSH, seg.frg, wnd, current, seg.sn, rcvNxt, seg.data);
                if (seg.xmit >= DEAD_LINK) {
                    dead = true;
                }
            }
        }
        if (used[0] > 0) {
            emit(buffer, used);
        }
    }

    private void put(byte[] buffer, int[] used, int cmd, int frg, int wnd, int ts, int sn, int una, byte[] payload) {
        int len = payload == null ? 0 : payload.length;
        if (used[0] + OVERHEAD + len > mtu) {
            emit(buffer, used);
        }
        int at = used[0];
        putInt32(buffer, at, conv);
        buffer[at + 4] = (byte) cmd;
        buffer[at + 5] = (byte) frg;
        buffer[at + 6] = (byte) wnd;
        buffer[at + 7] = (byte) (wnd >>> 8);
        putInt32(buffer, at + 8, ts);
        putInt32(buffer, at + 12, sn);
        putInt32(buffer, at + 16, una);
        putInt32(buffer, at + 20, len);
        if (len > 0) {
            System.arraycopy(payload, 0, buffer, at + OVERHEAD, len);
        }
        used[0] = at + OVERHEAD + len;
    }

    private void emit(byte[] buffer, int[] used) {
        byte[] packet = new byte[used[0]];
        System.arraycopy(buffer, 0, packet, 0, used[0]);
        used[0] = 0;
        output.accept(packet);
    }

    private void updateRtt(int rtt) {
        if (rxSrtt == 0) {
            rxSrtt = rtt;
            rxRttval = rtt / 2;
        } else {
            int delta = Math.abs(rtt - rxSrtt);
            rxRttval = (3 * rxRttval + delta) / 4;
            rxSrtt = Math.max(1, (7 * rxSrtt + rtt) / 8);
        }
        int rto = rxSrtt + Math.max(INTERVAL, 4 * rxRttval);
        rxRto = Math.max(RTO_MIN, Math.min(RTO_MAX, rto));
    }

    private void shrinkBuf() {
        sndUna = sndBuf.isEmpty() ? sndNxt : sndBuf.get(0).sn;
    }

    private void parseAck(int sn) {
        if (diff(sn, sndUna) < 0 || diff(sn, sndNxt) >= 0) {
            return;
        }
        for (Iterator<Segment> it = sndBuf.iterator(); it.hasNext(); ) {
            Segment seg = it.next();
            if (seg.sn == sn) {
                it.remove();
                break;
            }
            if (diff(sn, seg.sn) < 0) {
                break;
            }
        }
    }

    private void parseUna(int una) {
        for (Iterator<Segment> it = sndBuf.iterator(); it.hasNext(); ) {
            if (diff(una, it.next().sn) > 0) {
                it.remove();
            } else {
                break;
            }
        }
    }

    private void parseData(Segment seg) {
        int i = rcvBuf.size() - 1;
        for (; i >= 0; i--) {
            Segment other = rcvBuf.get(i);
            if (other.sn == seg.sn) {
                return; // duplicate
            }
            if (diff(seg.sn, other.sn) > 0) {
                break;
            }
        }
        rcvBuf.add(i + 1, seg);
        moveReceived();
    }

    private void moveReceived() {
        while (!rcvBuf.isEmpty() && rcvBuf.get(0).sn == rcvNxt && rcvQueue.size() < WND_RCV) {
            rcvQueue.add(rcvBuf.remove(0));
            rcvNxt++;
        }
    }

    private static int diff(int later, int earlier) {
        return later - earlier;
    }

    static int int32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    static int int16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static void putInt32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static final class Segment {
        final byte[] data;
        int sn;
        int frg;
        int resendts;
        int rto;
        int xmit;
        int fastack;

        Segment(byte[] data) {
            this.data = data;
        }
    }
}
