package io.dmicro.spring.boot.autoconfigure.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * How a {@code @DrpcClient} dials an instance with TLS: through a TLS context the endpoint has under a
 * name (from {@code dmicro.client.ssl.bundle} or the PEM settings), or with the JVM's trust.
 *
 * @param tlsContext the name of the endpoint's client TLS context, or null for the JVM's trust
 */
public record ClientTls(@Nullable String tlsContext) {

    /** The JVM's trust and no client certificate. */
    public static final ClientTls DEFAULT = new ClientTls(null);

    /** The TLS dial URI of {@code address} ({@code host:port}), such as {@code tls://127.0.0.1:9090?tlsContext=dmicro-client}. */
    public String dialUri(String address) {
        return tlsContext == null ? "tls://" + address : "tls://" + address + "?tlsContext=" + URLEncoder.encode(tlsContext, StandardCharsets.UTF_8);
    }

    /**
     * A direct {@code @DrpcClient} url with this context added when it dials TLS and names no trust
     * of its own ({@code ca=}, {@code tlsContext=}, {@code insecure=}).
     */
    public String withContext(String url) {
        if (tlsContext == null || !(url.startsWith("tls://") || url.startsWith("wss://"))
                || url.contains("ca=") || url.contains("tlsContext=") || url.contains("insecure=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "tlsContext=" + URLEncoder.encode(tlsContext, StandardCharsets.UTF_8);
    }
}
