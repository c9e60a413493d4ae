package io.dmicro.drpc.transport.quic;

import io.netty.handler.codec.quic.Quic;
import org.jspecify.annotations.Nullable;

/** Asks Netty whether quiche's native library loaded; only touched once the codec's classes are known to be there. */
final class NativeQuic {

    private NativeQuic() {
    }

    static @Nullable String unavailabilityReason() {
        if (Quic.isAvailable()) {
            return null;
        }
        Throwable cause = Quic.unavailabilityCause();
        return "the native QUIC library did not load for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                + " (add io.netty:netty-codec-native-quic with this platform's classifier): "
                + (cause == null ? "unknown reason" : cause.toString());
    }
}
