package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ResourceUtils;

/**
 * {@code dmicro.endpoint.tls.*} checked and resolved to PEM file paths, which {@link TlsContextsFactory}
 * loads (as a Spring Boot PEM bundle) into the endpoint's TLS contexts.
 * A location may be a path, a {@code file:} URL or a {@code classpath:} resource (copied to a private
 * temporary file when it lives inside a jar). Any unusable value fails start-up naming its key.
 *
 * @param enabled whether listeners serve TLS
 * @param certificate the certificate chain file, or null
 * @param privateKey the private key file, or null
 * @param keyPassword the private key's password, or null
 * @param trustCertificate the trusted certificates file, or null for the JVM's defaults
 * @param clientAuth none, optional or require
 */
public record TlsFiles(boolean enabled, @Nullable String certificate, @Nullable String privateKey, @Nullable String keyPassword,
        @Nullable String trustCertificate, String clientAuth) {

    private static final String PREFIX = "dmicro.endpoint.tls.";

    /** Checks and resolves the settings. */
    public static TlsFiles resolve(DmicroProperties.Tls tls, ResourceLoader loader) {
        String clientAuth = tls.getClientAuth().name().toLowerCase(Locale.ROOT);
        if (tls.isEnabled() && (blank(tls.getCertificate()) || blank(tls.getPrivateKey()))) {
            String key = blank(tls.getCertificate()) ? "certificate" : "private-key";
            throw new DmicroConfigurationException(PREFIX + key, null, "TLS is enabled but no PEM " + key.replace('-', ' ') + " is set",
                    "Set " + PREFIX + "certificate and " + PREFIX + "private-key to PEM files, or set " + PREFIX + "enabled=false.");
        }
        if (blank(tls.getCertificate()) != blank(tls.getPrivateKey())) {
            String missing = blank(tls.getCertificate()) ? "certificate" : "private-key";
            throw new DmicroConfigurationException(PREFIX + missing, null, "a certificate needs its private key and the other way round",
                    "Set both " + PREFIX + "certificate and " + PREFIX + "private-key, or neither.");
        }
        return new TlsFiles(tls.isEnabled(), file("certificate", tls.getCertificate(), loader), file("private-key", tls.getPrivateKey(), loader),
                blank(tls.getKeyPassword()) ? null : tls.getKeyPassword(), file("trust-certificate", tls.getTrustCertificate(), loader),
                clientAuth);
    }

    /**
     * The URI options of a TLS listener: the endpoint's TLS context, built from these files or from
     * dmicro.endpoint.ssl.bundle by {@link TlsContextsFactory}.
     */
    public Map<String, String> listenOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("tlsContext", TlsContextsFactory.ENDPOINT);
        out.put("clientAuth", clientAuth);
        return out;
    }

    /** These settings with listeners serving TLS, as dmicro.endpoint.ssl.bundle asks. */
    public TlsFiles withServerTls() {
        return new TlsFiles(true, certificate, privateKey, keyPassword, trustCertificate, clientAuth);
    }

    @Override
    public String toString() {
        return "TlsFiles[enabled=" + enabled + ", certificate=" + certificate + ", trustCertificate=" + trustCertificate
                + ", clientAuth=" + clientAuth + "]"; // never the key password
    }

    private static void put(Map<String, String> out, String name, @Nullable String value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static @Nullable String file(String key, @Nullable String location, ResourceLoader loader) {
        if (blank(location)) {
            return null;
        }
        String where = location.trim();
        try {
            if (where.startsWith(ResourceUtils.CLASSPATH_URL_PREFIX)) {
                Resource resource = loader.getResource(where);
                if (!resource.exists()) {
                    throw unreadable(key, location, "no such classpath resource");
                }
                return resource.isFile() ? resource.getFile().getAbsolutePath() : copy(resource);
            }
            File f = where.startsWith(ResourceUtils.FILE_URL_PREFIX) ? ResourceUtils.getFile(where) : new File(where);
            if (!f.isFile() || !f.canRead()) {
                throw unreadable(key, location, "no readable file " + f.getAbsolutePath());
            }
            return f.getAbsolutePath();
        } catch (IOException e) {
            throw unreadable(key, location, e.getMessage());
        }
    }

    /** The engine reads files only: a PEM inside a jar is copied to a temporary file that only this user can read. */
    private static String copy(Resource resource) throws IOException {
        Path tmp;
        try {
            tmp = Files.createTempFile("dmicro-tls", ".pem", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile("dmicro-tls", ".pem");
        }
        tmp.toFile().deleteOnExit();
        try (InputStream in = resource.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp.toString();
    }

    private static DmicroConfigurationException unreadable(String key, String location, @Nullable String reason) {
        return new DmicroConfigurationException(PREFIX + key, location, "cannot read the PEM file: " + reason,
                "Point " + PREFIX + key + " at a readable PEM file: a path, file:/path/to.pem or classpath:to.pem.");
    }
}
