package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** Which messages each session state lets out, and what a failed write reports. */
class SessionWriterTest {

    private static Message of(MessageType type) {
        return new Message(1, type, type == MessageType.PUSH ? "/a" : "");
    }

    @Test
    void anOpenSessionWritesEverythingAClosingOneOnlyRepliesAndTheNotice() {
        assertThat(SessionWriter.allows(SessionState.OK, of(MessageType.CALL))).isTrue();
        assertThat(SessionWriter.allows(SessionState.ACTIVE_CLOSING, of(MessageType.REPLY))).isTrue();
        assertThat(SessionWriter.allows(SessionState.ACTIVE_CLOSING, GoAway.message(2))).isTrue();
        assertThat(SessionWriter.allows(SessionState.ACTIVE_CLOSING, of(MessageType.CALL))).isFalse();
        assertThat(SessionWriter.allows(SessionState.ACTIVE_CLOSING, of(MessageType.PUSH))).isFalse();
        assertThat(SessionWriter.allows(SessionState.PREPARING, of(MessageType.AUTH_CALL))).isTrue();
        assertThat(SessionWriter.allows(SessionState.PREPARING, of(MessageType.CALL))).isFalse();
        assertThat(SessionWriter.allows(SessionState.REDIALING, of(MessageType.CALL))).isFalse();
    }

    @Test
    void aRefusedWriteFailsWithTheClosedErrorWithoutTouchingTheChannel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        try (TestEngine engines = new TestEngine()) {
            DefaultSession session = engines.accepted(ch);
            assertThat(session.transition(SessionState.PREPARING, SessionState.PASSIVE_CLOSED)).isTrue();
            assertThat(new SessionWriter(1024).write(session, ch, of(MessageType.CALL)).cause())
                    .isInstanceOfSatisfying(DrpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(Status.CONN_CLOSED);
                        assertThat(e.notExecuted()).isTrue();
                    });
            assertThat((Object) ch.readOutbound()).isNull();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aWriteBrokenByItsConnectionWasNotSent() {
        DrpcException e = SessionWriter.writeError(new ClosedChannelException());
        assertThat(e.code()).isEqualTo(Status.CONN_CLOSED);
        assertThat(e.notExecuted()).isTrue();
        assertThat(SessionWriter.writeError(new IllegalStateException("x")).code()).isEqualTo(Status.WRITE_FAILED);
    }
}
