package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.transport.SocketOptions;
import io.netty.channel.Channel;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An open session that has only been connected holds none of the parts made on first use: the
 * per-session heap of idle sessions (the benchmark's idle row) rests on it, and a change that makes
 * one eagerly again fails here rather than as a few more bytes in a report.
 */
class IdleSessionFootprintTest {

    private static final List<String> LAZY = List.of("early", "redialer", "calls", "drain", "attributes", "offLoop", "age");

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @ParameterizedTest(name = "native transport {0}")
    @ValueSource(booleans = {true, false})
    void anIdleSessionHoldsNothingMadeOnFirstUse(boolean nativeTransport) throws Exception {
        EndpointConfig config = EndpointConfig.builder().socketOptions(SocketOptions.DEFAULT.withNativeTransport(nativeTransport)).build();
        Endpoint server = peers.endpoint(config);
        Endpoint client = peers.endpoint(config);
        Session dialed = Peers.dial(client, server);
        Peers.await("the accepted session", Duration.ofSeconds(10), () -> server.sessionCount() == 1);
        Session accepted = server.sessions().iterator().next();

        for (Session s : List.of(dialed, accepted)) {
            for (String field : LAZY) {
                assertThat(field(DefaultSession.class, field, s)).as("%s of the %s session", field, s == dialed ? "dialed" : "accepted").isNull();
            }
        }
        Channel ch = ((DefaultSession) dialed).channel();
        assertThat(connectTimeoutTask(ch)).as("the dial's cancelled timeout task, kept by the channel").isNull();
        assertThat(((DefaultSession) dialed).redials()).isTrue();
        assertThat(((DefaultSession) accepted).redials()).isFalse();
    }

    private static Object connectTimeoutTask(Channel ch) throws Exception {
        for (Class<?> c = ch.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals("connectTimeoutFuture")) {
                    f.setAccessible(true);
                    return f.get(ch);
                }
            }
        }
        throw new AssertionError(ch.getClass() + " has no connectTimeoutFuture: Netty changed, and this test must follow");
    }

    private static Object field(Class<?> type, String name, Object owner) throws Exception {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }
}
