package io.dmicro.spring.boot.autoconfigure.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * How a {@code @DrpcClient} dials an instance with TLS: the PEM files of the trusted certificates and,
 * for servers that ask for one (mutual TLS), of this endpoint's certificate and key.
 *
 * @param ca trusted certificates, or null for the JVM's defaults
 * @param cert the certificate chain presented to servers, or null
 * @param key its private key, or null
 * @param keyPassword the key's password, or null
 */
public record ClientTls(@Nullable String ca, @Nullable String cert, @Nullable String key, @Nullable String keyPassword) {

    /** The JVM's trust and no client certificate. */
    public static final ClientTls DEFAULT = new ClientTls(null, null, null, null);

    /** The TLS dial URI of {@code address} ({@code host:port}), such as {@code tls://127.0.0.1:9090?ca=/etc/ca.pem}. */
    public String dialUri(String address) {
        StringBuilder out = new StringBuilder("tls://").append(address);
        append(out, "ca", ca);
        if (cert != null && key != null) {
            append(out, "cert", cert);
            append(out, "key", key);
            append(out, "keyPassword", keyPassword);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String name, @Nullable String value) {
        if (value != null) {
            // the engine URL-decodes options, so a path with '+' or '&' must be encoded
            out.append(out.indexOf("?") < 0 ? '?' : '&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        return "ClientTls[ca=" + ca + ", cert=" + cert + "]"; // never the key password
    }
}
