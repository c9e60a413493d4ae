package io.dmicro.drpc.transport.tls;

import io.dmicro.drpc.transport.TransportUri;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.File;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings read from a listen or dial URI's query, all PEM files:
 *
 * <pre>
 *   cert=/path/cert.pem       certificate chain (server; client too for mutual TLS)
 *   key=/path/key.pem         its PKCS#8 private key
 *   keyPassword=…             when the key is encrypted
 *   ca=/path/ca.pem           trusted certificates: a client verifies the server with them, a
 *                             server verifies clients with them (mutual TLS)
 *   clientAuth=require        none (default), optional or require: whether a server asks for a
 *                             client certificate
 *   insecure=true             a client accepts any server certificate (tests only)
 * </pre>
 *
 * A client verifies the server's certificate and host name against {@code ca}, or against the
 * JDK's trust store when none is given.
 */
public record TlsSettings(@Nullable String cert, @Nullable String key, @Nullable String keyPassword, @Nullable String ca,
        ClientAuth clientAuth, boolean insecure) {

    public static TlsSettings from(TransportUri uri) {
        String auth = uri.param("clientAuth", "none").toLowerCase(Locale.ROOT);
        ClientAuth clientAuth = switch (auth) {
            case "none" -> ClientAuth.NONE;
            case "optional" -> ClientAuth.OPTIONAL;
            case "require" -> ClientAuth.REQUIRE;
            default -> throw new IllegalArgumentException("clientAuth must be none, optional or require: " + auth);
        };
        return new TlsSettings(uri.param("cert"), uri.param("key"), uri.param("keyPassword"), uri.param("ca"),
                clientAuth, Boolean.parseBoolean(uri.param("insecure", "false")));
    }

    public boolean hasCertificate() {
        return cert != null && key != null;
    }

    /** The server context; a listener with no certificate fails unless {@code selfSigned} allows one. */
    public SslContext serverContext(boolean selfSigned) {
        try {
            SslContextBuilder b;
            if (hasCertificate()) {
                b = SslContextBuilder.forServer(file("cert", cert), file("key", key), keyPassword);
            } else if (selfSigned) {
                SelfSignedCertificate ssc = SelfSignedCertificates.get();
                b = SslContextBuilder.forServer(ssc.certificate(), ssc.privateKey());
            } else {
                throw new IllegalArgumentException("a TLS listener needs cert= and key= PEM files in its URI");
            }
            if (ca != null) {
                b.trustManager(file("ca", ca));
            }
            return b.clientAuth(clientAuth).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build the TLS server context: " + e.getMessage(), e);
        }
    }

    /** The client context. */
    public SslContext clientContext() {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (insecure) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                if (ca != null) {
                    b.trustManager(file("ca", ca));
                }
                b.endpointIdentificationAlgorithm("HTTPS");
            }
            if (hasCertificate()) {
                b.keyManager(file("cert", cert), file("key", key), keyPassword);
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build the TLS client context: " + e.getMessage(), e);
        }
    }

    private static File file(String setting, @Nullable String path) {
        File f = new File(String.valueOf(path));
        if (!f.isFile()) {
            throw new IllegalArgumentException(setting + " must name a readable PEM file: " + path);
        }
        return f;
    }
}
