package io.dmicro.drpc.transport.quic;

import io.dmicro.drpc.transport.tls.TlsSettings;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS 1.3 contexts QUIC needs (TLS is part of QUIC, never optional): from PEM files when the
 * URI names them, else a self-signed certificate made once per JVM, as the original does.
 */
final class QuicTlsContexts {

    private static final Logger log = LoggerFactory.getLogger(QuicTlsContexts.class);

    private static volatile SelfSignedCertificateGenerator.@Nullable Generated selfSigned;

    private QuicTlsContexts() {
    }

    static QuicSslContext server(QuicOptions options) {
        TlsSettings tls = options.tls();
        QuicSslContextBuilder b;
        if (tls.hasCertificate()) {
            b = QuicSslContextBuilder.forServer(file("key", tls.key()), tls.keyPassword(), file("cert", tls.cert()));
        } else {
            SelfSignedCertificateGenerator.Generated c = selfSigned();
            b = QuicSslContextBuilder.forServer(c.privateKey(), null, c.certificate());
        }
        if (tls.ca() != null) {
            b.trustManager(file("ca", tls.ca()));
        }
        return b.clientAuth(tls.clientAuth()).applicationProtocols(options.alpn()).build();
    }

    static QuicSslContext client(QuicOptions options) {
        TlsSettings tls = options.tls();
        QuicSslContextBuilder b = QuicSslContextBuilder.forClient().applicationProtocols(options.alpn());
        if (options.verifyServer()) {
            if (tls.ca() != null) {
                b.trustManager(file("ca", tls.ca()));
            }
            b.endpointIdentificationAlgorithm("HTTPS");
        } else {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        if (tls.hasCertificate()) {
            b.keyManager(file("key", tls.key()), tls.keyPassword(), file("cert", tls.cert()));
        }
        return b.build();
    }

    private static SelfSignedCertificateGenerator.Generated selfSigned() {
        SelfSignedCertificateGenerator.Generated c = selfSigned;
        if (c == null) {
            synchronized (QuicTlsContexts.class) {
                c = selfSigned;
                if (c == null) {
                    c = SelfSignedCertificateGenerator.generate("localhost", Duration.ofDays(365));
                    selfSigned = c;
                    log.info("QUIC listener has no cert= and key=: using a self-signed certificate for localhost");
                }
            }
        }
        return c;
    }

    private static File file(String setting, @Nullable String path) {
        File f = new File(String.valueOf(path));
        if (!f.isFile()) {
            throw new IllegalArgumentException(setting + " must name a readable PEM file: " + path);
        }
        return f;
    }
}
