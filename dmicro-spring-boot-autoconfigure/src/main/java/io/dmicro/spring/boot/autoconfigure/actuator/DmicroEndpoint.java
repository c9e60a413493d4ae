package io.dmicro.spring.boot.autoconfigure.actuator;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.filter.TransferFilter;
import io.dmicro.drpc.describe.RouteDescriptions;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.proto.http.HttpOpenApi;
import io.dmicro.drpc.proto.http.HttpOptions;
import io.dmicro.drpc.proto.http.HttpProto;
import io.dmicro.drpc.router.RouteInfo;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.transport.TransportAddress;
import io.dmicro.spring.boot.autoconfigure.internal.EndpointLifecycle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import io.dmicro.drpc.client.ServiceClient;
import io.dmicro.drpc.plugin.heartbeat.HeartbeatPing;
import io.dmicro.drpc.plugin.heartbeat.HeartbeatPong;
import io.dmicro.drpc.plugin.overload.OverloadLimits;
import java.util.function.Supplier;
import io.dmicro.drpc.plugin.overload.OverloadProtection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/dmicro}: the drpc endpoint (listeners, proto, codecs, filters, plugins in order,
 * routes, sessions and calls in flight, overload limits); {@code /actuator/dmicro/sessions} lists the
 * sessions, and {@code /actuator/dmicro/sessions/{id}} reads one or, with DELETE, closes it
 * gracefully. {@code /actuator/dmicro/openapi} is the OpenAPI 3.1 document of the call routes.
 * {@code /actuator/dmicro/overload} reads the overload limits and, with POST, changes them
 * at run time (what the original's ctl console does). Session attributes are listed by name only:
 * their values may be secret. The write operations follow Boot's access rules:
 * {@code management.endpoint.dmicro.access=read-only} switches them off.
 */
@org.springframework.boot.actuate.endpoint.annotation.Endpoint(id = "dmicro")
public class DmicroEndpoint {

    private static final Logger log = LoggerFactory.getLogger(DmicroEndpoint.class);

    private static final String SESSIONS = "sessions";
    private static final String OVERLOAD = "overload";
    private static final String CLIENTS = "clients";
    private static final String HEARTBEAT = "heartbeat";
    private static final String OPENAPI = "openapi";
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final Endpoint endpoint;
    private final EndpointLifecycle lifecycle;
    private final List<String> listen;
    private final @Nullable OverloadProtection overload;
    private final Supplier<List<ServiceClient.State>> clients;
    private final @Nullable HeartbeatPing ping;
    private final @Nullable HeartbeatPong pong;

    DmicroEndpoint(Endpoint endpoint, EndpointLifecycle lifecycle, List<String> listen) {
        this(endpoint, lifecycle, listen, null);
    }

    /** @param overload the overload protection plugin whose limits are shown and set, if there is one */
    DmicroEndpoint(Endpoint endpoint, EndpointLifecycle lifecycle, List<String> listen, @Nullable OverloadProtection overload) {
        this(endpoint, lifecycle, listen, overload, List::of, null, null);
    }

    /**
     * @param clients the resilience state of the {@code @DrpcClient} services
     * @param ping the heartbeat ping plugin whose rate and mode are shown and set, if there is one
     * @param pong the heartbeat pong plugin, if there is one
     */
    DmicroEndpoint(Endpoint endpoint, EndpointLifecycle lifecycle, List<String> listen, @Nullable OverloadProtection overload,
            Supplier<List<ServiceClient.State>> clients, @Nullable HeartbeatPing ping, @Nullable HeartbeatPong pong) {
        this.endpoint = endpoint;
        this.lifecycle = lifecycle;
        this.listen = List.copyOf(listen);
        this.overload = overload;
        this.clients = clients;
        this.ping = ping;
        this.pong = pong;
    }

    @ReadOperation
    public EndpointDescriptor describe() {
        List<ListenerDescriptor> listeners = new ArrayList<>();
        List<SocketAddress> bound = endpoint.listenAddresses();
        for (int i = 0; i < bound.size(); i++) {
            // a listen URI may carry keyPassword=...: shown redacted, as every address
            listeners.add(new ListenerDescriptor(i < listen.size() ? io.dmicro.drpc.transport.TransportUri.redact(listen.get(i)) : "",
                    format(bound.get(i))));
        }
        List<RouteDescriptor> routes = endpoint.router().routes().stream().map(DmicroEndpoint::route).toList();
        int calls = 0;
        int handlers = 0;
        for (Session s : endpoint.sessions()) {
            calls += s.callsInFlight();
            handlers += s.handlersInFlight();
        }
        return new EndpointDescriptor(lifecycle.isRunning(), endpoint.startTime(), listeners, endpoint.config().proto().name(),
                endpoint.config().defaultBodyCodec(), endpoint.config().codecs().all().stream().map(Codec::name).toList(),
                endpoint.config().filters().all().stream().map(TransferFilter::name).toList(),
                endpoint.plugins().all().stream().map(Plugin::name).toList(), routes, endpoint.sessionCount(), calls, handlers,
                overload == null ? null : OverloadDescriptor.of(overload), heartbeat(), clients());
    }

    private List<ClientDescriptor> clients() {
        return clients.get().stream().map(c -> new ClientDescriptor(c.service(), c.breaker(), c.ejected().stream()
                .map(e -> new ClientDescriptor.Ejected(e.address(), e.ejections(), e.remaining().toMillis(), e.probing())).toList(),
                c.retryBudget())).toList();
    }

    private HeartbeatDescriptor heartbeat() {
        return new HeartbeatDescriptor(ping != null, ping == null ? null : ping.rate().toString(),
                ping == null ? null : ping.mode().name(), pong != null);
    }

    /**
     * {@code /actuator/dmicro/sessions}, {@code .../overload}, {@code .../heartbeat},
     * {@code .../clients} (breaker state, ejected instances and retry budget of each
     * {@code @DrpcClient} service) or {@code .../openapi}; any other part is not found.
     */
    @ReadOperation
    public @Nullable Object part(@Selector String part) {
        if (OVERLOAD.equals(part)) {
            return overload == null ? null : OverloadDescriptor.of(overload);
        }
        if (HEARTBEAT.equals(part)) {
            return heartbeat();
        }
        if (CLIENTS.equals(part)) {
            return clients();
        }
        if (OPENAPI.equals(part)) {
            return openApi();
        }
        if (!SESSIONS.equals(part)) {
            return null;
        }
        List<SessionDescriptor> sessions = endpoint.sessions().stream().map(DmicroEndpoint::session)
                .sorted(Comparator.comparing(SessionDescriptor::createdAt)).toList();
        return new SessionsDescriptor(sessions);
    }

    @ReadOperation
    public @Nullable SessionDescriptor session(@Selector String part, @Selector String id) {
        return find(part, id).map(DmicroEndpoint::session).orElse(null);
    }

    /**
     * Closes the session gracefully: its handlers finish and its calls get their replies first.
     * Writes answer 404 for what is not there themselves: Boot turns a write's null into 204, which
     * would tell a client that a session it never found was closed.
     */
    @DeleteOperation
    public WebEndpointResponse<SessionDescriptor> close(@Selector String part, @Selector String id) {
        Optional<Session> found = find(part, id);
        found.ifPresent(Session::close);
        return found.map(s -> new WebEndpointResponse<>(session(s))).orElseGet(DmicroEndpoint::notFound);
    }

    private static <T> WebEndpointResponse<T> notFound() {
        return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }

    /**
     * {@code POST /actuator/dmicro/overload}: changes the limits given and keeps the others (0 switches
     * a limit off). {@code maxRouteRates} is {@code /route=n,/other=m} and replaces the route limits.
     * Not found when the overload plugin is not installed ({@code dmicro.endpoint.overload.enabled}).
     * {@code POST /actuator/dmicro/heartbeat}: changes the ping {@code rate} (such as {@code 5s} or
     * {@code PT5S}, at least 1 s) and {@code mode} ({@code call} or {@code push}) given; not found
     * without the ping plugin ({@code dmicro.endpoint.heartbeat.ping}).
     */
    @WriteOperation
    public WebEndpointResponse<Object> update(@Selector String part, @Nullable Integer maxConnections,
            @Nullable Integer maxTotalRate, @Nullable String maxRouteRates, @Nullable Integer maxCallsInFlightPerSession,
            @Nullable String rate, @Nullable String mode) {
        if (HEARTBEAT.equals(part)) {
            HeartbeatDescriptor changed = updateHeartbeat(rate, mode);
            return changed == null ? notFound() : new WebEndpointResponse<>(changed);
        }
        if (!OVERLOAD.equals(part) || overload == null) {
            return notFound();
        }
        OverloadLimits l = overload.limits();
        OverloadLimits next = new OverloadLimits(
                notNegative("maxConnections", maxConnections == null ? l.maxConnections() : maxConnections),
                notNegative("maxTotalRate", maxTotalRate == null ? l.maxTotalRate() : maxTotalRate),
                maxRouteRates == null ? l.maxRouteRates() : routeRates(maxRouteRates),
                notNegative("maxCallsInFlightPerSession", maxCallsInFlightPerSession == null
                        ? l.maxCallsInFlightPerSession() : maxCallsInFlightPerSession));
        overload.update(next);
        log.info("overload limits changed through the actuator: {}", next);
        return new WebEndpointResponse<>(OverloadDescriptor.of(overload));
    }

    private @Nullable HeartbeatDescriptor updateHeartbeat(@Nullable String rate, @Nullable String mode) {
        if (ping == null) {
            return null;
        }
        HeartbeatPing.Mode newMode = null;
        if (mode != null) {
            try {
                newMode = HeartbeatPing.Mode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidEndpointRequestException("mode is call or push: " + mode, "bad mode");
            }
        }
        if (rate != null) {
            Duration d;
            try {
                d = org.springframework.boot.convert.DurationStyle.detectAndParse(rate.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidEndpointRequestException("rate is a duration such as 5s or PT5S: " + rate, "bad rate");
            }
            try {
                ping.setRate(d);
            } catch (IllegalArgumentException e) {
                throw new InvalidEndpointRequestException(e.getMessage(), "bad rate");
            }
        }
        if (newMode == HeartbeatPing.Mode.CALL) {
            ping.useCall();
        } else if (newMode == HeartbeatPing.Mode.PUSH) {
            ping.usePush();
        }
        log.info("heartbeat changed through the actuator: rate {}, mode {}", ping.rate(), ping.mode());
        return heartbeat();
    }

    private static Map<String, Integer> routeRates(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new InvalidEndpointRequestException("maxRouteRates entries are route=perSecond: " + entry, "bad maxRouteRates");
            }
            try {
                out.put(entry.substring(0, eq).trim(), notNegative("maxRouteRates", Integer.parseInt(entry.substring(eq + 1).trim())));
            } catch (NumberFormatException e) {
                throw new InvalidEndpointRequestException("maxRouteRates: not a number in " + entry, "bad maxRouteRates");
            }
        }
        return out;
    }

    /**
     * The OpenAPI 3.1 document of the routes, the one {@code GET /openapi.json} serves on HTTP
     * listeners (same builder, same route descriptions as {@code /dmicro/describe}), with a
     * {@code servers} entry for each listener that serves HTTP.
     */
    private Map<String, Object> openApi() {
        HttpOptions options = endpoint.config().proto() instanceof HttpProto http ? http.options() : HttpOptions.DEFAULT;
        tools.jackson.databind.node.ObjectNode doc = HttpOpenApi.document(RouteDescriptions.of(endpoint.router()), options);
        List<SocketAddress> bound = endpoint.listenAddresses();
        tools.jackson.databind.node.ArrayNode servers = JSON.createArrayNode();
        for (int i = 0; i < bound.size() && i < listen.size(); i++) {
            if (servesHttp(listen.get(i), endpoint.config().proto())) {
                String scheme = listen.get(i).startsWith("tls://") ? "https" : "http";
                tools.jackson.databind.node.ObjectNode server = servers.addObject();
                server.put("description", io.dmicro.drpc.transport.TransportUri.redact(listen.get(i)));
                if (bound.get(i) instanceof InetSocketAddress inet && inet.getAddress() != null && inet.getAddress().isAnyLocalAddress()) {
                    // bound to every interface: the client picks the host name (default localhost)
                    server.put("url", scheme + "://{host}:" + inet.getPort());
                    server.putObject("variables").putObject("host").put("default", "localhost")
                            .put("description", "a host name of this machine");
                } else {
                    server.put("url", scheme + "://" + format(bound.get(i)));
                }
            }
        }
        if (!servers.isEmpty()) {
            doc.set("servers", servers);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(doc, LinkedHashMap.class);
        return map;
    }

    /** Whether a listen URI serves HTTP: {@code ?proto=http}, {@code ?protos=} naming http or all, or no option on an http endpoint. */
    static boolean servesHttp(String uri, io.dmicro.drpc.proto.Proto endpointProto) {
        int q = uri.indexOf('?');
        String query = q < 0 ? "" : uri.substring(q + 1);
        String proto = null;
        String protos = null;
        for (String option : query.split("&")) {
            int eq = option.indexOf('=');
            String key = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "" : option.substring(eq + 1).toLowerCase(java.util.Locale.ROOT);
            if (key.equals("proto")) {
                proto = value;
            } else if (key.equals("protos")) {
                protos = value;
            }
        }
        if (uri.startsWith("ws://") || uri.startsWith("wss://")) {
            return false;
        }
        if (protos != null && !protos.isBlank()) {
            return protos.strip().equals("all") || java.util.Arrays.stream(protos.split(",")).map(String::strip).anyMatch("http"::equals);
        }
        return proto != null ? proto.equals("http") : endpointProto instanceof HttpProto;
    }

    private static int notNegative(String name, int value) {
        if (value < 0) {
            throw new InvalidEndpointRequestException(name + " must not be negative: " + value, "bad " + name);
        }
        return value;
    }

    private Optional<Session> find(String part, String id) {
        return SESSIONS.equals(part) ? endpoint.session(id) : Optional.empty();
    }

    private static RouteDescriptor route(RouteInfo r) {
        return new RouteDescriptor(r.name(), r.kind().name(), r.argType().getTypeName(), r.nonBlocking(), r.plugins());
    }

    private static SessionDescriptor session(Session s) {
        Instant now = Instant.now();
        return new SessionDescriptor(s.id(), format(s.remoteAddress()), format(s.localAddress()), s.isDialed(), s.state().name(),
                s.createdAt(), Duration.between(s.createdAt(), now).toMillis(), s.lastActivity(), s.callsInFlight(), s.handlersInFlight(),
                new TreeSet<>(s.attributes().keySet()));
    }

    static String format(@Nullable SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return TransportAddress.hostPort(inet);
        }
        return String.valueOf(address);
    }
}
