package io.dmicro.cli;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.transport.Transports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How to reach a peer and what to put on each message: the options every drpc command shares. */
final class PeerOptions {

    @Option(names = "--proto", paramLabel = "PROTO", completionCandidates = Candidates.Protos.class,
            description = "Wire format: raw (default), erpc, json, protobuf, jsonrpc, http. Same as ?proto= on the URI.")
    @Nullable String proto;

    @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "json", completionCandidates = Candidates.CodecNames.class,
            description = "Body codec of what is sent: json (default), plain, form, protobuf, xml.")
    String codec = "json";

    @Option(names = "--accept-codec", paramLabel = "CODEC", completionCandidates = Candidates.CodecNames.class, description = "Ask the peer to reply in this codec.")
    @Nullable String acceptCodec;

    @Option(names = {"-m", "--meta"}, paramLabel = "KEY=VALUE", description = "Meta entry to send (repeatable).")
    Map<String, String> meta = new LinkedHashMap<>();

    @Option(names = "--filter", paramLabel = "FILTER", split = ",", completionCandidates = Candidates.FilterNames.class, description = "Transfer filters, outermost first: gzip, md5.")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for a reply (default 10s; 500ms, 2m, ...).")
    Duration timeout = Duration.ofSeconds(10);

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long to wait for the connection (default 5s).")
    Duration connectTimeout = Duration.ofSeconds(5);

    @Option(names = "--ca", paramLabel = "PEM", description = "TLS: trust these certificates (tls://, wss://, quic://).")
    @Nullable String ca;

    @Option(names = "--cert", paramLabel = "PEM", description = "TLS: client certificate chain, for mutual TLS.")
    @Nullable String cert;

    @Option(names = "--key", paramLabel = "PEM", description = "TLS: client private key (PKCS#8), for mutual TLS.")
    @Nullable String key;

    @Option(names = "--key-password", paramLabel = "PASSWORD", description = "TLS: password of an encrypted --key.")
    @Nullable String keyPassword;

    @Option(names = {"-k", "--insecure"}, description = "TLS: do not verify the server's certificate (tests only).")
    boolean insecure;

    /** The URI to dial: the user's, with the proto and TLS options added as the engine's query options. */
    String dialUri(String uri) {
        String out = uri.contains("://") ? checkScheme(uri) : "tcp://" + uri;
        out = add(out, "proto", proto);
        out = add(out, "ca", ca);
        out = add(out, "cert", cert);
        out = add(out, "key", key);
        out = add(out, "keyPassword", keyPassword);
        return insecure ? add(out, "insecure", "true") : out;
    }

    /**
     * The schemes a peer URI may have: the engine's transports but {@code local://}, which reaches
     * only endpoints of the same JVM. Sorted, so that messages read the same on every run.
     */
    static List<String> peerSchemes() {
        return Transports.defaults().schemes().stream().filter(s -> !s.equals("local")).sorted().toList();
    }

    /**
     * The URI when its scheme is a transport's; otherwise a usage error that says which forms are
     * taken and, for an HTTP URL, which one reaches an HTTP peer (the http proto over TCP or TLS).
     */
    static String checkScheme(String uri) {
        int end = uri.indexOf("://");
        String scheme = uri.substring(0, end).toLowerCase(Locale.ROOT);
        List<String> schemes = peerSchemes();
        if (schemes.contains(scheme)) {
            return uri;
        }
        StringBuilder m = new StringBuilder(scheme.isEmpty() ? "a peer URI needs a scheme before ://" : scheme + ":// is not a peer address");
        m.append("; give host:port or ").append(String.join(", ", schemes.stream().map(s -> s + "://").toList()))
                .append(" (the wire format with ?proto= or --proto)");
        if (scheme.equals("http") || scheme.equals("https")) {
            boolean tls = scheme.equals("https");
            String authority = uri.substring(end + 3).split("[/?#]", 2)[0];
            int bracket = authority.lastIndexOf(']');
            if (authority.lastIndexOf(':') <= bracket) { // no port: HTTP's default
                authority += tls ? ":443" : ":80";
            }
            String peer = (tls ? "tls://" : "") + authority;
            m.append(". For an HTTP peer, speak the http proto over ").append(tls ? "TLS" : "TCP").append(": ")
                    .append(peer).append("?proto=http (or ").append(peer).append(" --proto http)");
            if (tls) {
                m.append(", with --ca PEM to trust its certificate");
            }
        }
        throw new UsageException(m.toString());
    }

    private static String add(String uri, String name, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return uri;
        }
        return uri + (uri.contains("?") ? "&" : "?") + name + "=" + value;
    }

    CallOptions callOptions() {
        CallOptions o = CallOptions.DEFAULT.withTimeout(timeout).withBodyCodec(codec).withAcceptBodyCodec(acceptCodec)
                .withFilters(filters.toArray(String[]::new));
        for (Map.Entry<String, String> e : meta.entrySet()) {
            o = o.withMeta(e.getKey(), e.getValue());
        }
        return o;
    }

    /** A client endpoint with these settings; nothing listens. */
    Endpoint endpoint() {
        EndpointConfig.Builder b = EndpointConfig.builder().callTimeout(timeout).dialTimeout(connectTimeout).ioThreads(2);
        Endpoint endpoint = Endpoint.create(b.build());
        if (endpoint.config().codecs().get(codec) == null) {
            endpoint.close();
            throw new UsageException("unknown codec " + codec + " (known: "
                    + String.join(", ", endpoint.config().codecs().all().stream().map(c -> c.name()).toList()) + ")");
        }
        return endpoint;
    }
}
