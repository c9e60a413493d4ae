package io.dmicro.drpc.transport.tls;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.security.cert.CertificateException;

/**
 * One self-signed certificate per JVM for listeners that must have TLS and were given none (QUIC,
 * as the original does). Netty makes it with BouncyCastle when present, else with the JDK's
 * keytool.
 */
final class SelfSignedCertificates {

    private static volatile SelfSignedCertificate cached;

    private SelfSignedCertificates() {
    }

    static SelfSignedCertificate get() {
        SelfSignedCertificate c = cached;
        if (c == null) {
            synchronized (SelfSignedCertificates.class) {
                c = cached;
                if (c == null) {
                    try {
                        c = new SelfSignedCertificate("localhost");
                    } catch (CertificateException e) {
                        throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
                    }
                    cached = c;
                }
            }
        }
        return c;
    }
}
