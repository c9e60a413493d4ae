package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import java.util.Locale;
import java.util.Set;

/**
 * Checks {@code dmicro.endpoint.tls.*}. The engine's {@code EndpointConfig} has no TLS setting yet,
 * so enabling TLS fails start-up plainly rather than serving clear text.
 */
final class TlsSettings {

    private static final String PREFIX = "dmicro.endpoint.tls.";
    private static final Set<String> CLIENT_AUTH = Set.of("none", "optional", "require");

    private TlsSettings() {
    }

    static void check(DmicroProperties.Tls tls) {
        if (!CLIENT_AUTH.contains(tls.getClientAuth().toLowerCase(Locale.ROOT))) {
            throw new DmicroConfigurationException(PREFIX + "client-auth", tls.getClientAuth(), "unknown client authentication mode",
                    "Use none, optional or require.");
        }
        if (!tls.isEnabled()) {
            return;
        }
        if (tls.getCertificate() == null || tls.getPrivateKey() == null) {
            String key = tls.getCertificate() == null ? "certificate" : "private-key";
            throw new DmicroConfigurationException(PREFIX + key, null, "TLS is enabled but no PEM " + key.replace('-', ' ') + " is set",
                    "Set " + PREFIX + "certificate and " + PREFIX + "private-key to PEM files.");
        }
        throw new DmicroConfigurationException(PREFIX + "enabled", "true",
                "this version of dmicro-core has no TLS transport; connections would be clear text",
                "Set " + PREFIX + "enabled=false, or terminate TLS in front of the endpoint until dmicro-core supports TLS.");
    }
}
