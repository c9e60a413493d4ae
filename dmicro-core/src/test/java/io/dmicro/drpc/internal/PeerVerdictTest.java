package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import org.junit.jupiter.api.Test;

/** What the peer's GoAway said, and the errors that follow from it, without a session. */
class PeerVerdictTest {

    private final PeerVerdict verdict = new PeerVerdict();

    @Test
    void withoutANoticeASendOnABrokenSessionIsNotExecuted102() {
        DrpcException e = verdict.closedError("s1", SessionState.PASSIVE_CLOSED);
        assertThat(e.code()).isEqualTo(Status.CONN_CLOSED);
        assertThat(e.notExecuted()).isTrue();
        assertThat(verdict.broken("gone").code()).isEqualTo(Status.CONN_CLOSED);
    }

    @Test
    void aPeerGoingAwayMakesSendsOnAnOpenSessionFail503NotExecuted() {
        verdict.onGoAway("s1", Status.OK);
        assertThat(verdict.goingAway()).isTrue();
        assertThat(verdict.refusal()).isNull();
        DrpcException e = verdict.closedError("s1", SessionState.OK);
        assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        assertThat(e.notExecuted()).isTrue();
        // a written call whose connection then broke may have run: still 102
        assertThat(verdict.broken("gone").code()).isEqualTo(Status.CONN_CLOSED);
    }

    @Test
    void aRefusalIsWhatBothSendsAndWrittenCallsFailWith() {
        Status overloaded = Status.withCause(Status.SERVICE_UNAVAILABLE, "too many connections");
        verdict.onGoAway("s1", overloaded);
        assertThat(verdict.goingAway()).isTrue();
        assertThat(verdict.refusal()).isEqualTo(overloaded);
        assertThat(verdict.closedError("s1", SessionState.PASSIVE_CLOSED).status()).isEqualTo(overloaded);
        assertThat(verdict.closedError("s1", SessionState.PASSIVE_CLOSED).notExecuted()).isTrue();
        assertThat(verdict.broken("gone")).isEqualTo(overloaded);
    }

    @Test
    void aSessionClosingItselfRefusesSendsWith503() {
        DrpcException e = verdict.closedError("s1", SessionState.ACTIVE_CLOSING);
        assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        assertThat(e.notExecuted()).isTrue();
    }

    @Test
    void aFreshConnectionForgetsWhatThePeerSaidAboutTheOldOne() {
        verdict.onGoAway("s1", Status.withCause(Status.SERVICE_UNAVAILABLE, "no"));
        verdict.reset();
        assertThat(verdict.goingAway()).isFalse();
        assertThat(verdict.refusal()).isNull();
        assertThat(verdict.closedError("s1", SessionState.OK).code()).isEqualTo(Status.CONN_CLOSED);
    }

    @Test
    void clearingTheNoticeKeepsARefusal() {
        Status no = Status.withCause(Status.SERVICE_UNAVAILABLE, "no");
        verdict.onGoAway("s1", no);
        verdict.clearGoingAway();
        assertThat(verdict.goingAway()).isFalse();
        assertThat(verdict.refusal()).isEqualTo(no);
    }

    @Test
    void aRefusalFoundAfterTheCloseDoesNotReplaceOneSeenBefore() {
        Status first = Status.withCause(Status.SERVICE_UNAVAILABLE, "first");
        verdict.refusedBeforeOpening(first);
        verdict.refusedBeforeOpening(Status.withCause(Status.SERVICE_UNAVAILABLE, "second"));
        verdict.refusedBeforeOpening(null);
        assertThat(verdict.refusal()).isEqualTo(first);
    }

    @Test
    void aWriteThatRacedTheRefusingPeersCloseFailsWithTheRefusalNot102() {
        java.nio.channels.ClosedChannelException closed = new java.nio.channels.ClosedChannelException();
        assertThat(verdict.unwritten(closed).code()).isEqualTo(Status.CONN_CLOSED);
        Status overloaded = Status.withCause(Status.SERVICE_UNAVAILABLE, "connection overload");
        verdict.onGoAway("s1", overloaded);
        DrpcException e = verdict.unwritten(closed);
        assertThat(e.status()).isEqualTo(overloaded);
        assertThat(e.notExecuted()).isTrue();
    }
}
