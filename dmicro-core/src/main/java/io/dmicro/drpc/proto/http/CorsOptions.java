package io.dmicro.drpc.proto.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Cross-origin resource sharing for the HTTP proto, with the names of Spring's
 * {@code CorsConfiguration}. Nothing is allowed by default: a browser page from another origin
 * cannot read replies until its origin is listed. {@code "*"} in a list allows any value (for
 * origins only without credentials, as the Fetch standard demands).
 *
 * @param allowedOrigins origins such as {@code https://app.example.com}, or {@code *}
 * @param allowedMethods methods a cross-origin request may use; empty means {@code POST, GET, HEAD}
 * @param allowedHeaders request headers a cross-origin request may send ({@code *} for any)
 * @param exposedHeaders response headers the page may read
 * @param allowCredentials whether cookies and authorization may be sent
 * @param maxAge how long a browser may cache a preflight answer; null leaves it to the browser
 */
public record CorsOptions(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
        List<String> exposedHeaders, boolean allowCredentials, @Nullable Duration maxAge) {

    /** Nothing allowed: no cross-origin page can read a reply. */
    public static final CorsOptions NONE = new CorsOptions(List.of(), List.of(), List.of(), List.of(), false, null);

    public CorsOptions {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = allowedMethods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        allowedHeaders = List.copyOf(allowedHeaders);
        exposedHeaders = List.copyOf(exposedHeaders);
        if (allowCredentials && allowedOrigins.contains("*")) {
            throw new IllegalArgumentException("allowCredentials cannot be true when allowedOrigins contains \"*\"");
        }
    }

    /** Origins allowed, with default methods and any header. */
    public static CorsOptions allowing(String... origins) {
        return new CorsOptions(List.of(origins), List.of(), List.of("*"), List.of(), false, null);
    }

    public boolean allowsOrigin(String origin) {
        return allowedOrigins.contains("*") || allowedOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin));
    }

    public List<String> methods() {
        return allowedMethods.isEmpty() ? List.of("POST", "GET", "HEAD") : allowedMethods;
    }

    public boolean allowsMethod(String method) {
        return allowedMethods.contains("*") || methods().contains(method.toUpperCase(Locale.ROOT));
    }

    public boolean allowsHeader(String header) {
        return allowedHeaders.contains("*") || allowedHeaders.stream().anyMatch(h -> h.equalsIgnoreCase(header));
    }
}
