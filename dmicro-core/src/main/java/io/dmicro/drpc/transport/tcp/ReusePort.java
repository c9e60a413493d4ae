package io.dmicro.drpc.transport.tcp;

import io.dmicro.drpc.transport.TransportContext;
import io.dmicro.drpc.transport.TransportUri;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.net.SocketAddress;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * TCP listeners bound with {@code SO_REUSEPORT}: several processes (an old and a new one of the same
 * service) listen on one port at once and the kernel spreads new connections over them, so a
 * restart hands the port over without refusing a connection. Java's NIO cannot set the option on
 * every platform, so this runs on Netty's native epoll transport (Linux, with
 * {@code netty-transport-native-epoll} on the classpath); elsewhere {@link #check()} fails with the
 * reason. The epoll classes are touched (in {@code EpollListeners}) only once that check passed.
 */
public final class ReusePort {

    /** The listen URI option that asks for it on one listener. */
    public static final String OPTION = "reusePort";

    private ReusePort() {
    }

    /** Whether a listener asks for it: the endpoint's socket option, or {@code reusePort=true} on its URI. */
    public static boolean requested(TransportUri uri, TransportContext context) {
        String v = uri.param(OPTION);
        if (v != null && !v.isEmpty()) {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(OPTION + " must be true or false: " + v);
            }
            return Boolean.parseBoolean(v);
        }
        return context.socketOptions().reusePort();
    }

    /** Whether SO_REUSEPORT listeners can be opened here. */
    public static boolean isAvailable() {
        return unavailabilityReason() == null;
    }

    /** Why SO_REUSEPORT listeners cannot be opened here, or null when they can. */
    public static @Nullable String unavailabilityReason() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return "SO_REUSEPORT listeners need Linux (Netty's native epoll transport); this is " + System.getProperty("os.name");
        }
        try {
            Class.forName("io.netty.channel.epoll.Epoll", false, ReusePort.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "SO_REUSEPORT listeners need Netty's native epoll transport: add io.netty:netty-transport-native-epoll"
                    + " (classifier linux-x86_64 or linux-aarch_64) to the classpath";
        }
        return EpollListeners.reason();
    }

    /** Fails with the reason when SO_REUSEPORT listeners cannot be opened here. */
    public static void check() {
        String reason = unavailabilityReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
    }

    /** New epoll event loops: {@code threads} of them (0: Netty's choice). */
    public static EventLoopGroup newGroup(int threads, String name) {
        check();
        return EpollListeners.newGroup(threads, name);
    }

    static Future<Channel> bind(SocketAddress address, TransportContext context, ChannelHandler childHandler) {
        check();
        return EpollListeners.bind(address, context, childHandler, true);
    }
}
