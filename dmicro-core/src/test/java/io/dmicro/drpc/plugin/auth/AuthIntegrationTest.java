package io.dmicro.drpc.plugin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AUTH_CALL / AUTH_REPLY handshake over real sockets. */
class AuthIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();
    private final AtomicInteger handled = new AtomicInteger();
    private Endpoint server;

    /** Credentials as the bearer sends them. */
    public record Login(String user, String password) {
    }

    @BeforeEach
    void startServer() {
        Checker checker = (session, receive) -> {
            Login login = receive.receive(Login.class);
            if (login == null || !"secret".equals(login.password())) {
                return AuthResult.refuse("wrong password for " + (login == null ? "nobody" : login.user()));
            }
            session.setId("user:" + login.user());
            return AuthResult.accept("welcome " + login.user());
        };
        server = peers.endpoint(EndpointConfig.builder().plugins(AuthCheckerPlugin.of(checker, Duration.ofSeconds(5))).build());
        server.router().routeCallFunc("/who/am_i", String.class, (ctx, v) -> {
            handled.incrementAndGet();
            return ctx.session().id();
        });
        Peers.listen(server);
    }

    @AfterEach
    void close() {
        peers.close();
    }

    private static AuthBearerPlugin bearer(String password, StringBuilder greeting) {
        return AuthBearerPlugin.of((session, send) -> {
            AuthReply<String> reply = send.send(new Login("ann", password), String.class);
            if (reply.body() != null) {
                greeting.append(reply.body());
            }
            return reply.status();
        });
    }

    @Test
    void acceptedPeerGetsTheReplyBodyAndTheSessionIdTheCheckerSet() {
        StringBuilder greeting = new StringBuilder();
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(bearer("secret", greeting)).build()), server);

        assertThat(greeting).hasToString("welcome ann");
        assertThat(s.callSync("/who/am_i", null, String.class)).isEqualTo("user:ann");
        assertThat(server.session("user:ann")).isPresent();
    }

    @Test
    void refusedPeerFailsToDialWithTheCheckersStatusAndNeverReachesAHandler() {
        StringBuilder greeting = new StringBuilder();
        Endpoint client = peers.endpoint(EndpointConfig.builder().plugins(bearer("guess", greeting)).build());

        assertThatThrownBy(() -> Peers.dial(client, server))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.DIAL_FAILED);
                    assertThat(e).hasMessageContaining("wrong password for ann");
                });
        assertThat(handled).hasValue(0);
        assertThat(client.sessionCount()).isZero();
        Peers.await("server dropped the refused session", BOUND, () -> server.sessionCount() == 0);
    }

    @Test
    void peerWithoutBearerSendingACallFirstGets401AndNeverReachesAHandler() {
        Session s = Peers.dial(peers.endpoint(), server);

        assertThatThrownBy(() -> s.callSync("/who/am_i", null, String.class)).isInstanceOf(DrpcException.class);
        Peers.await("unauthenticated session closed", BOUND, () -> s.state().isClosed());
        assertThat(handled).hasValue(0);
        assertThat(server.sessionCount()).isZero();
    }

    @Test
    void bearerSeesA401WhenTheFirstAnswerIsNotAnAuthReply() {
        Endpoint plain = peers.endpoint(); // no checker: it treats the AUTH_CALL as a message it does not allow
        AtomicInteger code = new AtomicInteger();
        Endpoint client = peers.endpoint(EndpointConfig.builder().plugins(AuthBearerPlugin.of((session, send) -> {
            Status s = send.send("token", String.class).status();
            code.set(s.code());
            return s;
        }, Duration.ofSeconds(5))).build());

        assertThatThrownBy(() -> Peers.dial(client, plain)).isInstanceOf(DrpcException.class);
        assertThat(code.get()).isIn(Status.UNAUTHORIZED, Status.MTYPE_NOT_ALLOWED, Status.CONN_CLOSED);
    }

    @Test
    void tokenHelpersAgreeWithEachOther() {
        Endpoint guarded = peers.endpoint(EndpointConfig.builder().plugins(AuthCheckerPlugin.token("t0k3n")).build());
        guarded.router().routeCallFunc("/ping", String.class, (ctx, v) -> "pong");

        Session ok = Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(AuthBearerPlugin.token("t0k3n")).build()), guarded);
        assertThat(ok.callSync("/ping", null, String.class)).isEqualTo("pong");
        assertThatThrownBy(() -> Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(AuthBearerPlugin.token("nope")).build()), guarded))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e).hasMessageContaining("invalid token"));
    }

    @Test
    void sendingTwiceFailsWith104() {
        Endpoint guarded = peers.endpoint(EndpointConfig.builder().plugins(AuthCheckerPlugin.token("t")).build());
        AtomicInteger second = new AtomicInteger();
        Endpoint client = peers.endpoint(EndpointConfig.builder().plugins(AuthBearerPlugin.of((session, send) -> {
            Status first = send.send("t", byte[].class).status();
            second.set(send.send("t", byte[].class).status().code());
            return first;
        })).build());

        Peers.dial(client, guarded);
        assertThat(second.get()).isEqualTo(Status.WRITE_FAILED);
    }
}
