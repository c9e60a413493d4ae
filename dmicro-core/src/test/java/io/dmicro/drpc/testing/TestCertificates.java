package io.dmicro.drpc.testing;

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed PEM files for TLS tests, made with the JDK's keytool (so no BouncyCastle or
 * openssl): a server certificate for localhost and 127.0.0.1, and a client certificate for
 * mutual TLS. Each trusts only itself, so a test names the other side's certificate as its CA.
 * Shared with the other modules' tests through dmicro-core's test jar.
 */
public record TestCertificates(String serverCert, String serverKey, String clientCert, String clientKey) {

    private static TestCertificates instance;

    public static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("drpc-tls");
                String[] server = make(dir, "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
                String[] client = make(dir, "client", "CN=drpc-client", null);
                instance = new TestCertificates(server[0], server[1], client[0], client[1]);
            } catch (Exception e) {
                throw new IllegalStateException("cannot make test certificates", e);
            }
        }
        return instance;
    }

    private static String[] make(Path dir, String name, String dname, String san) throws Exception {
        File store = dir.resolve(name + ".p12").toFile();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(keytool, "-genkeypair", "-alias", name,
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", dname, "-storetype", "PKCS12",
                "-keystore", store.getPath(), "-storepass", "changeit", "-keypass", "changeit"));
        if (san != null) {
            cmd.addAll(java.util.List.of("-ext", san));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store.toPath())) {
            ks.load(in, "changeit".toCharArray());
        }
        Key key = ks.getKey(name, "changeit".toCharArray());
        Certificate cert = ks.getCertificate(name);
        Path certPem = dir.resolve(name + ".crt");
        Path keyPem = dir.resolve(name + ".key");
        write(certPem, "CERTIFICATE", cert.getEncoded());
        write(keyPem, "PRIVATE KEY", key.getEncoded());
        return new String[] {certPem.toString(), keyPem.toString()};
    }

    private static void write(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            out.write(("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII));
        }
    }
}
