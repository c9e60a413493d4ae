package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.drpc.EndpointConfig;
import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;
import io.netty.handler.ssl.util.TrustManagerFactoryWrapper;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * The endpoint's TLS contexts from Spring Boot SSL bundles ({@code dmicro.endpoint.ssl.bundle},
 * {@code dmicro.client.ssl.bundle}), or from the PEM files of {@code dmicro.endpoint.tls.*} loaded the
 * way Boot loads a PEM bundle (so an encrypted PKCS#8 key in openssl's default PBES2 form works on
 * Java 17, as Boot's PEM support parses it). Registered in the engine under
 * {@link #ENDPOINT} and {@link #CLIENT}, which listen and dial URIs name with {@code ?tlsContext=}.
 * A named bundle reloads: Boot's update handler swaps the managers beneath the contexts.
 */
public final class TlsContextsFactory {

    /** The server context of the listeners. */
    public static final String ENDPOINT = "dmicro-endpoint";
    /** The client context of @DrpcClient TLS dials. */
    public static final String CLIENT = "dmicro-client";

    /** The bundle name under which the dmicro.endpoint.tls.* PEM files appear in Boot's registry. */
    public static final String LEGACY_BUNDLE = "dmicro";

    private TlsContextsFactory() {
    }

    /** Registers what the settings ask for in {@code builder}; fails naming the key of a missing bundle. */
    public static void register(EndpointConfig.Builder builder, DmicroProperties properties, TlsFiles files, @Nullable SslBundles bundles) {
        String serverBundle = properties.getEndpoint().getSsl().getBundle();
        String clientBundle = properties.getClient().getSsl().getBundle();
        ReloadableManagers server = null;
        if (serverBundle != null) {
            server = named("dmicro.endpoint.ssl.bundle", serverBundle, bundles);
        } else if (files.certificate() != null && files.privateKey() != null) {
            SslBundle legacy = pem(files, true);
            server = new ReloadableManagers(legacy);
            if (bundles instanceof SslBundleRegistry registry && !bundles.getBundleNames().contains(LEGACY_BUNDLE)) {
                registry.registerBundle(LEGACY_BUNDLE, legacy); // so Boot's SSL health and info show its certificates
            }
        }
        ReloadableManagers client = null;
        if (clientBundle != null) {
            client = named("dmicro.client.ssl.bundle", clientBundle, bundles);
        } else if (files.trustCertificate() != null || files.certificate() != null) {
            client = new ReloadableManagers(pem(files, false));
        }
        ClientAuth auth = ClientAuth.valueOf(files.clientAuth().toUpperCase(Locale.ROOT));
        try {
            if (server != null) {
                SslContextBuilder b = SslContextBuilder.forServer(new KeyManagerFactoryWrapper(server.keyManager())).clientAuth(auth);
                if (auth != ClientAuth.NONE) {
                    b.trustManager(new TrustManagerFactoryWrapper(server.trustManager()));
                }
                builder.tlsContext(ENDPOINT, b.build(), null);
            }
            if (client != null) {
                SslContextBuilder b = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
                if (client.hasKey()) {
                    b.keyManager(new KeyManagerFactoryWrapper(client.keyManager())); // presented when a server asks (mutual TLS)
                }
                if (client.hasTrust()) {
                    b.trustManager(new TrustManagerFactoryWrapper(client.trustManager())); // else the JVM's trust
                }
                builder.tlsContext(CLIENT, null, b.build());
            }
        } catch (javax.net.ssl.SSLException e) {
            throw new DmicroConfigurationException(serverBundle != null ? "dmicro.endpoint.ssl.bundle" : "dmicro.endpoint.tls.certificate",
                    serverBundle != null ? serverBundle : files.certificate(), "cannot build a TLS context: " + e.getMessage(),
                    "Check the certificate and key of the bundle or PEM files.", e);
        }
    }

    /** Whether the listeners serve TLS. */
    public static boolean serverTls(DmicroProperties properties, TlsFiles files) {
        return properties.getEndpoint().getSsl().getBundle() != null || files.enabled();
    }

    /** Whether @DrpcClient TLS dials have a context of their own (else the JVM's trust). */
    public static boolean clientContext(DmicroProperties properties, TlsFiles files) {
        return properties.getClient().getSsl().getBundle() != null || files.trustCertificate() != null || files.certificate() != null;
    }

    private static ReloadableManagers named(String key, String name, @Nullable SslBundles bundles) {
        if (bundles == null) {
            throw new DmicroConfigurationException(key, name, "Spring Boot's SSL bundles are not configured in this application",
                    "Define the bundle under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name + ".");
        }
        try {
            ReloadableManagers managers = new ReloadableManagers(bundles.getBundle(name));
            bundles.addBundleUpdateHandler(name, managers::update);
            return managers;
        } catch (NoSuchSslBundleException e) {
            throw new DmicroConfigurationException(key, name, "no SSL bundle has this name (known: " + bundles.getBundleNames() + ")",
                    "Define the bundle under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name + ", or name one that exists.", e);
        }
    }

    private static SslBundle pem(TlsFiles files, boolean server) {
        PemSslStoreDetails key = files.certificate() != null && files.privateKey() != null
                ? new PemSslStoreDetails(null, files.certificate(), files.privateKey(), files.keyPassword()) : null;
        PemSslStoreDetails trust = files.trustCertificate() != null ? PemSslStoreDetails.forCertificates(files.trustCertificate()) : null;
        try {
            return SslBundle.of(new PemSslStoreBundle(key, trust));
        } catch (RuntimeException e) {
            String failed = key != null && server ? "dmicro.endpoint.tls.private-key" : "dmicro.endpoint.tls.trust-certificate";
            throw new DmicroConfigurationException(failed, server ? files.privateKey() : files.trustCertificate(),
                    "cannot load the PEM files: " + rootMessage(e),
                    "Check the files and dmicro.endpoint.tls.key-password (PKCS#8 keys, encrypted or not, and PKCS#1/SEC1 keys are read).", e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + c.getMessage() + ")";
    }
}
