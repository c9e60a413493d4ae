package io.dmicro.drpc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy inside the test JVM that sits between two endpoints and misbehaves on demand: it
 * can delay every chunk, stall (stop forwarding while keeping both connections open, which is
 * how a peer that vanished without a FIN looks), cut (reset every connection), truncate (forward
 * a number of bytes more, then close) and refuse new connections.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(server.listenAddresses().get(0))) {
 *     Session s = client.dial(proxy.address());
 *     proxy.stall();   // half-open from here on
 * }
 * }</pre>
 *
 * Plain blocking sockets, two pump threads per connection: simple enough to trust in a test.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final SocketAddress target;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Object gate = new Object();
    private volatile boolean stalled;
    private volatile boolean holdingUpstream;
    private final AtomicLong upstreamBytesRead = new AtomicLong();
    private volatile boolean refusing;
    private volatile long delayNanos;
    private final AtomicLong truncateBudget = new AtomicLong(-1);
    private volatile boolean closed;

    private FaultProxy(SocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy on a free loopback port that forwards to {@code target}. */
    public static FaultProxy start(SocketAddress target) {
        try {
            return new FaultProxy(target);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fault proxy", e);
        }
    }

    /** {@code 127.0.0.1:port}, to dial. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int acceptedCount() {
        return accepted.get();
    }

    /** Connections currently open through the proxy. */
    public int openCount() {
        return (int) links.stream().filter(l -> !l.done).count();
    }

    /** Holds every chunk for {@code delay} before forwarding it. */
    public FaultProxy delay(Duration delay) {
        this.delayNanos = delay.toNanos();
        return this;
    }

    /** Stops forwarding in both directions without closing anything. */
    public FaultProxy stall() {
        stalled = true;
        return this;
    }

    /**
     * Holds what the dialer sends (read from it, not forwarded to the target) while the target's
     * bytes still reach the dialer: the target goes on as if the dialer had gone quiet.
     */
    public FaultProxy holdUpstream() {
        holdingUpstream = true;
        return this;
    }

    /** Bytes read from dialers so far, forwarded or held. */
    public long upstreamBytesRead() {
        return upstreamBytesRead.get();
    }

    /** Forwards again after {@link #stall()} or {@link #holdUpstream()}. */
    public FaultProxy resume() {
        synchronized (gate) {
            stalled = false;
            holdingUpstream = false;
            gate.notifyAll();
        }
        return this;
    }

    /** New connections are closed at once while set. */
    public FaultProxy refuse(boolean refuse) {
        this.refusing = refuse;
        return this;
    }

    /** Forwards {@code bytes} more bytes (both directions together), then closes the connections carrying them. */
    public FaultProxy truncateAfter(long bytes) {
        truncateBudget.set(bytes);
        return this;
    }

    /** Resets every open connection (RST, no FIN): both ends see the connection break. */
    public FaultProxy cut() {
        for (Link l : links) {
            l.abort();
        }
        links.removeIf(l -> l.done);
        return this;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        resume();
        cut();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (refusing) {
                Link.closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                Link.closeQuietly(client);
                Link.closeQuietly(upstream);
                continue;
            }
            Link link = new Link(client, upstream);
            links.add(link);
            link.start();
        }
    }

    private void awaitGate(boolean upstream) throws InterruptedException {
        synchronized (gate) {
            while ((stalled || (upstream && holdingUpstream)) && !closed) {
                gate.wait(50);
            }
        }
    }

    /** One proxied connection: two sockets and a pump thread each way. */
    private final class Link {
        final Socket a;
        final Socket b;
        volatile boolean done;

        Link(Socket a, Socket b) {
            this.a = a;
            this.b = b;
        }

        void start() {
            pump(a, b, "up");
            pump(b, a, "down");
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = from.getInputStream()) {
                    OutputStream out = to.getOutputStream();
                    boolean upstream = "up".equals(direction);
                    while (true) {
                        awaitGate(false);
                        int n = in.read(buf);
                        if (n < 0) {
                            to.shutdownOutput(); // pass the FIN on
                            return;
                        }
                        if (upstream) {
                            upstreamBytesRead.addAndGet(n);
                        }
                        awaitGate(upstream);
                        long delay = delayNanos;
                        if (delay > 0) {
                            Thread.sleep(delay / 1_000_000, (int) (delay % 1_000_000)); // simulated latency
                        }
                        long budget = truncateBudget.get();
                        if (budget >= 0) {
                            int allowed = (int) Math.min(n, budget);
                            truncateBudget.addAndGet(-allowed);
                            out.write(buf, 0, allowed);
                            out.flush();
                            if (allowed < n || truncateBudget.get() == 0) {
                                close();
                                return;
                            }
                            continue;
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    abort();
                }
            }, "fault-proxy-" + direction + "-" + from.getPort());
            t.setDaemon(true);
            t.start();
        }

        void close() {
            done = true;
            closeQuietly(a);
            closeQuietly(b);
        }

        void abort() {
            done = true;
            for (Socket s : new Socket[] {a, b}) {
                try {
                    s.setSoLinger(true, 0); // RST instead of FIN
                } catch (IOException ignored) {
                    // already closed
                }
                closeQuietly(s);
            }
        }

        static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    @Override
    public String toString() {
        return "FaultProxy{" + address() + " -> " + target + (stalled ? ", stalled" : "") + '}';
    }

    /** The address a test endpoint listens on, as a socket address. */
    public static SocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
