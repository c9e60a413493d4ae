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
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/dmicro}: the drpc endpoint (listeners, proto, codecs, filters, plugins in order,
 * routes, sessions and calls in flight); {@code /actuator/dmicro/sessions} lists the sessions, and
 * {@code /actuator/dmicro/sessions/{id}} reads one or, with DELETE, closes it gracefully. Session
 * attributes are listed by name only: their values may be secret.
 */
@org.springframework.boot.actuate.endpoint.annotation.Endpoint(id = "dmicro")
public class DmicroEndpoint {

    private static final String SESSIONS = "sessions";

    private final Endpoint endpoint;
    private final EndpointLifecycle lifecycle;
    private final List<String> listen;

    DmicroEndpoint(Endpoint endpoint, EndpointLifecycle lifecycle, List<String> listen) {
        this.endpoint = endpoint;
        this.lifecycle = lifecycle;
        this.listen = List.copyOf(listen);
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
                endpoint.plugins().all().stream().map(Plugin::name).toList(), routes, endpoint.sessionCount(), calls, handlers);
    }

    /** {@code /actuator/dmicro/sessions}; any other part is not found. */
    @ReadOperation
    public @Nullable SessionsDescriptor part(@Selector String part) {
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
