package io.dmicro.spring.boot.autoconfigure.actuator;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.filter.TransferFilter;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.router.RouteInfo;
import io.dmicro.drpc.session.Session;
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

/**
 * {@code /actuator/dmicro}: the drpc endpoint (listeners, proto, codecs, filters, plugins in order,
 * routes, sessions and calls in flight, overload limits); {@code /actuator/dmicro/sessions} lists the
 * sessions, and {@code /actuator/dmicro/sessions/{id}} reads one or, with DELETE, closes it
 * gracefully. {@code /actuator/dmicro/overload} reads the overload limits and, with POST, changes them
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
     * {@code /actuator/dmicro/sessions}, {@code .../overload}, {@code .../heartbeat} or
     * {@code .../clients} (breaker state, ejected instances and retry budget of each
     * {@code @DrpcClient} service); any other part is not found.
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

    /** Closes the session gracefully: its handlers finish and its calls get their replies first. */
    @DeleteOperation
    public @Nullable SessionDescriptor close(@Selector String part, @Selector String id) {
        Optional<Session> found = find(part, id);
        found.ifPresent(Session::close);
        return found.map(DmicroEndpoint::session).orElse(null);
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
    public @Nullable Object update(@Selector String part, @Nullable Integer maxConnections,
            @Nullable Integer maxTotalRate, @Nullable String maxRouteRates, @Nullable Integer maxCallsInFlightPerSession,
            @Nullable String rate, @Nullable String mode) {
        if (HEARTBEAT.equals(part)) {
            return updateHeartbeat(rate, mode);
        }
        if (!OVERLOAD.equals(part) || overload == null) {
            return null;
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
        return OverloadDescriptor.of(overload);
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
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
