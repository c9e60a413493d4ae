package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.testing.ExternalTools;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.testing.TestCertificates;
import io.dmicro.spring.boot.autoconfigure.internal.TlsContextsFactory;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.SslInfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.application.SslHealthIndicator;
import org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.info.SslInfo;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** TLS through Spring Boot SSL bundles: PEM, PKCS#12, a PBES2-encrypted key, reload, and a @DrpcClient trusting a bundle. Real handshakes. */
class SslBundlesIntegrationTest {

    private final TestCertificates certs = TestCertificates.get();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DmicroAutoConfiguration.class,
                    DmicroClientAutoConfiguration.class))
            .withBean(MathService.class)
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0");

    @Test
    void listenersServeTlsFromAPemBundle() {
        runner.withPropertyValues("spring.ssl.bundle.pem.drpc.keystore.certificate=file:" + certs.serverCert(),
                "spring.ssl.bundle.pem.drpc.keystore.private-key=file:" + certs.serverKey(), "dmicro.endpoint.ssl.bundle=drpc")
                .run(context -> assertThat(callOverTls(context, certs.serverCert())).isEqualTo(5));
    }

    @Test
    void listenersServeTlsFromAPkcs12Bundle() {
        File p12 = new File(new File(certs.serverCert()).getParentFile(), "server.p12");
        runner.withPropertyValues("spring.ssl.bundle.jks.drpc.keystore.location=file:" + p12, "spring.ssl.bundle.jks.drpc.keystore.password=changeit",
                "spring.ssl.bundle.jks.drpc.keystore.type=PKCS12", "spring.ssl.bundle.jks.drpc.key.password=changeit",
                "dmicro.endpoint.ssl.bundle=drpc").run(context -> assertThat(callOverTls(context, certs.serverCert())).isEqualTo(5));
    }

    @Test
    void aDrpcClientTrustsTheServerThroughItsClientBundle() {
        runner.withPropertyValues("spring.ssl.bundle.pem.drpc.keystore.certificate=file:" + certs.serverCert(),
                "spring.ssl.bundle.pem.drpc.keystore.private-key=file:" + certs.serverKey(), "dmicro.endpoint.ssl.bundle=drpc")
                .run(server -> {
                    assertThat(server).hasNotFailed();
                    int port = ((InetSocketAddress) server.getBean(Endpoint.class).listenAddresses().get(0)).getPort();
                    // a second application, a pure client, trusting the server through its own bundle
                    runner.withPropertyValues("dmicro.endpoint.listen=", "tls.port=" + port,
                            "spring.ssl.bundle.pem.trust.truststore.certificate=file:" + certs.serverCert(), "dmicro.client.ssl.bundle=trust")
                            .withUserConfiguration(TlsClients.class).run(client -> {
                                assertThat(client).hasNotFailed();
                                assertThat(client.getBean(TlsClients.TlsMathClient.class).add(new Args(20, 22))).isEqualTo(42);
                            });
                    // and one without that trust fails its handshake
                    runner.withPropertyValues("dmicro.endpoint.listen=", "tls.port=" + port).withUserConfiguration(TlsClients.class)
                            .run(client -> org.assertj.core.api.Assertions.assertThatThrownBy(
                                    () -> client.getBean(TlsClients.TlsMathClient.class).add(new Args(1, 1)))
                                    .isInstanceOf(io.dmicro.drpc.status.DrpcException.class));
                });
    }

    @Test
    void theBundlesTheEndpointServesShowInBootsSslHealthAndInfo() {
        runner.withConfiguration(AutoConfigurations.of(SslHealthContributorAutoConfiguration.class, InfoContributorAutoConfiguration.class))
                .withPropertyValues("spring.ssl.bundle.pem.drpc.keystore.certificate=file:" + certs.serverCert(),
                        "spring.ssl.bundle.pem.drpc.keystore.private-key=file:" + certs.serverKey(), "dmicro.endpoint.ssl.bundle=drpc",
                        "management.info.ssl.enabled=true")
                .run(context -> {
                    assertThat(callOverTls(context, certs.serverCert())).isEqualTo(5);
                    Health health = context.getBean(SslHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(subjects(health, "validChains")).contains("CN=localhost");
                    assertThat(subjects(health, "invalidChains")).isEmpty();
                    Info.Builder info = new Info.Builder();
                    context.getBean(SslInfoContributor.class).contribute(info);
                    SslInfo ssl = (SslInfo) info.build().getDetails().get("ssl");
                    assertThat(ssl.getBundles()).extracting(SslInfo.BundleInfo::getName).contains("drpc");
                    assertThat(ssl.getBundle("drpc").getCertificateChains()).isNotEmpty();
                });
    }

    @Test
    void theLegacyPemPropertiesShowInBootsSslHealthAsTheirOwnBundle() {
        runner.withConfiguration(AutoConfigurations.of(SslHealthContributorAutoConfiguration.class))
                .withPropertyValues("dmicro.endpoint.tls.enabled=true", "dmicro.endpoint.tls.certificate=" + certs.serverCert(),
                        "dmicro.endpoint.tls.private-key=" + certs.serverKey())
                .run(context -> {
                    assertThat(callOverTls(context, certs.serverCert())).isEqualTo(5);
                    Health health = context.getBean(SslHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(subjects(health, "validChains")).contains("CN=localhost");
                    assertThat(new SslInfo(context.getBean(SslBundles.class)).getBundle(TlsContextsFactory.LEGACY_BUNDLE).getCertificateChains())
                            .isNotEmpty();
                });
    }

    @Test
    void anUnknownBundleFailsStartUpNamingTheKey() {
        runner.withPropertyValues("dmicro.endpoint.ssl.bundle=nope").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new io.dmicro.spring.boot.autoconfigure.internal.DmicroConfigurationFailureAnalyzer()
                    .analyze(context.getStartupFailure()).getDescription()).contains("dmicro.endpoint.ssl.bundle").contains("nope");
        });
    }

    @Test
    void theLegacyPemPropertiesAcceptAPbes2EncryptedKeyAndShowAsABundle() throws Exception {
        File openssl = ExternalTools.require("openssl", "an encrypted PKCS#8 key in openssl's default (PBES2) form");
        Path encrypted = Files.createTempFile("pbes2", ".key");
        Process p = new ProcessBuilder(openssl.getPath(), "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", certs.serverKey(), "-out",
                encrypted.toString(), "-passout", "pass:s3cret").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(Files.readString(encrypted)).contains("BEGIN ENCRYPTED PRIVATE KEY");
        runner.withPropertyValues("dmicro.endpoint.tls.enabled=true", "dmicro.endpoint.tls.certificate=" + certs.serverCert(),
                "dmicro.endpoint.tls.private-key=" + encrypted, "dmicro.endpoint.tls.key-password=s3cret").run(context -> {
                    assertThat(callOverTls(context, certs.serverCert())).isEqualTo(5);
                    assertThat(context.getBean(SslBundles.class).getBundleNames()).contains(TlsContextsFactory.LEGACY_BUNDLE);
                });
    }

    @Test
    void aReloadedBundleServesItsNewCertificateWithoutRebinding() throws Exception {
        Path dir = Files.createTempDirectory("reload");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.copy(Path.of(certs.serverCert()), cert);
        Files.copy(Path.of(certs.serverKey()), key);
        runner.withPropertyValues("spring.ssl.bundle.pem.drpc.keystore.certificate=file:" + cert,
                "spring.ssl.bundle.pem.drpc.keystore.private-key=file:" + key, "spring.ssl.bundle.pem.drpc.reload-on-update=true",
                "spring.ssl.bundle.watch.file.quiet-period=100ms", "dmicro.endpoint.ssl.bundle=drpc").run(context -> {
                    int port = ((InetSocketAddress) context.getBean(Endpoint.class).listenAddresses().get(0)).getPort();
                    assertThat(servedSubject(port)).contains("CN=localhost");
                    // swap in the other certificate (the client one) and its key; the watcher reloads the bundle
                    Path newCert = dir.resolve("new-cert.pem");
                    Path newKey = dir.resolve("new-key.pem");
                    Files.copy(Path.of(certs.clientCert()), newCert);
                    Files.copy(Path.of(certs.clientKey()), newKey);
                    Files.move(newKey, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(newCert, cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Peers.await("the reloaded certificate to be served", java.time.Duration.ofSeconds(60), () -> {
                        try {
                            return servedSubject(port).contains("CN=drpc-client");
                        } catch (Exception e) {
                            return false; // a handshake during the swap may fail; the next one counts
                        }
                    });
                });
    }

    /** The subjects of the certificates in one list of chains of Boot's SSL health. */
    private static java.util.List<String> subjects(Health health, String chains) {
        Object list = health.getDetails().get(chains);
        assertThat(list).as(chains + " in " + health.getDetails()).isInstanceOf(java.util.List.class);
        return ((java.util.List<?>) list).stream().map(SslInfo.CertificateChainInfo.class::cast)
                .flatMap(chain -> chain.getCertificates().stream()).map(SslInfo.CertificateInfo::getSubject).toList();
    }

    /** Calls /math/add through a plain engine endpoint that trusts only {@code ca}: a real TLS handshake with host name check. */
    private static int callOverTls(AssertableApplicationContext context, String ca) throws Exception {
        assertThat(context).hasNotFailed();
        int port = ((InetSocketAddress) context.getBean(Endpoint.class).listenAddresses().get(0)).getPort();
        try (Endpoint peer = Endpoint.create()) {
            return peer.dial("tls://localhost:" + port + "?ca=" + ca).<Integer>call("/math/add", new Args(2, 3), Integer.class)
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /** The subject of the certificate the listener presents now, read with the JDK's own TLS client. */
    private static String servedSubject(int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }
}
