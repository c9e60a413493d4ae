package io.dmicro.drpc.internal;

import static io.dmicro.drpc.testing.Peers.failureCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.status.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What arrives before a session opens, and handshake receives that hold no thread. */
class HandshakeInboxTest {

    private final ScheduledExecutorService timer = new ScheduledThreadPoolExecutor(1);
    private final HandshakeInbox inbox = new HandshakeInbox();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aWaitingReceiveCompletesWhenTheMessageArrives() throws Exception {
        CompletableFuture<Message> f = inbox.receive(Duration.ofSeconds(5), timer);
        assertThat(f).isNotDone();
        Message auth = new Message(1, MessageType.AUTH_CALL, "");
        inbox.offer(auth);
        assertThat(f.get(1, TimeUnit.SECONDS)).isSameAs(auth);
    }

    @Test
    void aMessageThatArrivedFirstIsReceivedAtOnce() throws Exception {
        Message auth = new Message(1, MessageType.AUTH_CALL, "");
        inbox.offer(auth);
        assertThat(inbox.receive(Duration.ofSeconds(5), timer).getNow(null)).isSameAs(auth);
    }

    @Test
    void aReceiveFailsWith408AtItsTimeoutAnd102WhenTheConnectionCloses() throws Exception {
        assertThat(failureCode(inbox.receive(Duration.ofMillis(20), timer))).isEqualTo(Status.HANDLE_TIMEOUT);
        CompletableFuture<Message> waiting = inbox.receive(Duration.ofSeconds(5), timer);
        inbox.close();
        assertThat(failureCode(waiting)).isEqualTo(Status.CONN_CLOSED);
        assertThat(failureCode(inbox.receive(Duration.ofSeconds(5), timer))).isEqualTo(Status.CONN_CLOSED);
    }

    @Test
    void arrivalCompletesOnAMessageACloseOrTheTimeout() throws Exception {
        CompletableFuture<Void> onMessage = inbox.arrival(Duration.ofSeconds(5), timer);
        inbox.offer(new Message(1, MessageType.CALL, "/a"));
        assertThat(onMessage).isDone();
        assertThat(inbox.arrival(Duration.ofSeconds(5), timer)).isDone(); // something is there already

        HandshakeInbox silent = new HandshakeInbox();
        silent.arrival(Duration.ofMillis(20), timer).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> onClose = silent.arrival(Duration.ofSeconds(5), timer);
        silent.close();
        assertThat(onClose).isDone();
    }

    @Test
    void whatWasNotReceivedIsDeliveredInOrderOnceOpen() {
        Message a = new Message(1, MessageType.CALL, "/a");
        Message b = new Message(2, MessageType.PUSH, "/b");
        inbox.offer(a);
        inbox.offer(b);
        List<Object> delivered = new ArrayList<>();
        inbox.drainTo(delivered::add);
        assertThat(delivered).containsExactly(a, b);
    }
}
