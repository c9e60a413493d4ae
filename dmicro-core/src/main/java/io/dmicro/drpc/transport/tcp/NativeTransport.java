package io.dmicro.drpc.transport.tcp;

import io.dmicro.drpc.transport.NativeEventLoops;
import io.dmicro.drpc.transport.TransportContext;
import io.netty.channel.Channel;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether TCP connections run on Netty's native epoll transport: fewer copies and system calls per
 * message than NIO, and socket options NIO cannot set. Used when it loads (Linux with
 * {@code netty-transport-native-epoll} on the classpath) unless {@code SocketOptions.nativeTransport}
 * is off. The epoll classes are touched (in {@code EpollListeners}) only once the check passed.
 */
public final class NativeTransport {

    private NativeTransport() {
    }

    /** Why the native transport cannot be used here, or null when it can. */
    public static @Nullable String unavailabilityReason() {
        return Availability.REASON;
    }

    public static boolean isAvailable() {
        return Availability.REASON == null;
    }

    /** Whether a TCP connection or listener of this context goes on the native transport. */
    static boolean use(TransportContext context) {
        return context.socketOptions().nativeTransport() && context.nativeLoops() != NativeEventLoops.NONE && isAvailable();
    }

    /**
     * Sets the keep-alive idle time and probe interval on a native channel; false for any other
     * channel (NIO sets them with its own options).
     */
    public static boolean setKeepAlivePeriod(Channel channel, int seconds) {
        return isAvailable() && EpollListeners.setKeepAlivePeriod(channel, seconds);
    }

    /** Checked once: loading the native library is not free, and its answer does not change. */
    private static final class Availability {
        static final @Nullable String REASON = check();

        private static @Nullable String check() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (!os.contains("linux")) {
                return "Netty's native epoll transport needs Linux; this is " + System.getProperty("os.name");
            }
            try {
                Class.forName("io.netty.channel.epoll.Epoll", false, NativeTransport.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return "Netty's native epoll transport is not on the classpath: add io.netty:netty-transport-native-epoll"
                        + " (classifier linux-x86_64 or linux-aarch_64)";
            }
            return EpollListeners.reason();
        }
    }
}
