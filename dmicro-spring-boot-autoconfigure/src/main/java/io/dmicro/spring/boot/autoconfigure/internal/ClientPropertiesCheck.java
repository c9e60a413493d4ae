package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code dmicro.client.*} and {@code dmicro.client.services.<id>.*} before any client is
 * built, so a bad value fails start-up naming its key instead of surfacing on the first call.
 */
public final class ClientPropertiesCheck {

    private static final String PREFIX = "dmicro.client.";

    private ClientPropertiesCheck() {
    }

    public static void check(DmicroProperties.Client client) {
        attempts(PREFIX + "max-attempts", client.getMaxAttempts());
        timeout(PREFIX + "call-timeout", client.getCallTimeout());
        for (Map.Entry<String, DmicroProperties.Service> e : client.getServices().entrySet()) {
            String key = PREFIX + "services." + e.getKey() + ".";
            DmicroProperties.Service s = e.getValue();
            if (s.getMaxAttempts() != null) {
                attempts(key + "max-attempts", s.getMaxAttempts());
            }
            timeout(key + "call-timeout", s.getCallTimeout());
        }
    }

    private static void attempts(String key, int value) {
        if (value < 1) {
            throw new DmicroConfigurationException(key, String.valueOf(value), "a call needs at least one attempt",
                    "Set " + key + " to 1 (no retry) or more.");
        }
    }

    private static void timeout(String key, @Nullable Duration value) {
        if (value != null && value.isNegative()) {
            throw new DmicroConfigurationException(key, value.toString(), "must not be negative",
                    "Set " + key + " to a positive duration such as 5s, or 0 to wait without limit.");
        }
    }
}
