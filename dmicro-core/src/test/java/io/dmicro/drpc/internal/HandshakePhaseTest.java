package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session's early phase on an embedded channel: what handshake hooks may send and receive, and when. */
class HandshakePhaseTest {

    private final TestEngine engines = new TestEngine();
    private final EmbeddedChannel ch = new EmbeddedChannel();
    private final DefaultSession session = engines.accepted(ch);

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
        engines.close();
    }

    private static int code(CompletableFuture<?> f) throws Exception {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return ((DrpcException) e.getCause()).code();
        }
        throw new AssertionError("completed normally");
    }

    private void open() {
        session.open(() -> { });
        ch.runPendingTasks();
    }

    @Test
    void sendsAHandshakeMessageWhilePreparing() {
        Status sent = session.earlySend(MessageType.AUTH_CALL, "", "token", Status.OK);
        assertThat(sent.isOk()).isTrue();
        Message out = ch.readOutbound();
        assertThat(out.type()).isEqualTo(MessageType.AUTH_CALL);
        assertThat(session.decodeBody(out, String.class)).isEqualTo("token");
    }

    @Test
    void receivesWhatArrivedBeforeItAsked() throws Exception {
        Message auth = new Message(1, MessageType.AUTH_REPLY, "");
        session.onInbound(auth);
        assertThat(session.early().peerMessageArrival(Duration.ofSeconds(5))).isDone();
        assertThat(session.earlyReceiveAsync(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS)).isSameAs(auth);
    }

    @Test
    void onceOpenEarlyCallsAreTheWrongPhase() throws Exception {
        open();
        assertThat(session.earlySend(MessageType.AUTH_CALL, "", null, Status.OK).code()).isEqualTo(Status.INVALID_OP);
        assertThat(code(session.earlyReceiveAsync(Duration.ofSeconds(1)))).isEqualTo(Status.INVALID_OP);
        assertThat((Object) ch.readOutbound()).isNull();
    }

    @Test
    void aConnectionClosedDuringTheHandshakeAnswers102NotWrongPhase() throws Exception {
        ch.close();
        session.onChannelInactive(ch);
        assertThat(session.earlySend(MessageType.AUTH_CALL, "", null, Status.OK).code()).isEqualTo(Status.CONN_CLOSED);
        assertThat(code(session.earlyReceiveAsync(Duration.ofSeconds(1)))).isEqualTo(Status.CONN_CLOSED);
    }

    @Test
    void aRenewedPhaseKeepsNothingOfTheOldConnection() throws Exception {
        session.onInbound(new Message(1, MessageType.AUTH_REPLY, ""));
        session.early().renew();
        CompletableFuture<Message> next = session.earlyReceiveAsync(Duration.ofSeconds(5));
        assertThat(next).isNotDone();
        Message fresh = new Message(2, MessageType.AUTH_REPLY, "");
        session.onInbound(fresh);
        assertThat(next.get(5, TimeUnit.SECONDS)).isSameAs(fresh);
    }

    @Test
    void messagesKeptDuringTheHandshakeAreDeliveredOnOpen() {
        Message goAway = GoAway.message(7);
        session.onInbound(goAway);
        assertThat(session.verdict().goingAway()).isFalse();
        open();
        assertThat(session.verdict().goingAway()).isTrue();
    }
}
