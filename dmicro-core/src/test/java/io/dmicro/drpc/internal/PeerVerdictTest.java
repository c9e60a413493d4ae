package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import org.junit.jupiter.api.Test;

/** What the peer's GoAway said, and the errors that follow from it, without a session. */
class PeerVerdictTest {

    private PeerVerdict verdict = PeerVerdict.NONE;

    @Test
    void withoutANoticeASendOnABrokenSessionIsNotExecuted102() {
        DrpcException e = verdict.closedError("s1", SessionState.PASSIVE_CLOSED);
        assertThat(e.code()).isEqualTo(Status.CONN_CLOSED);
        assertThat(e.notExecuted()).isTrue();
        assertThat(verdict.broken("gone").code()).isEqualTo(Status.CONN_CLOSED);
    }

    @Test
    void aPeerGoingAwayMakesSendsOnAnOpenSessionFail503NotExecuted() {
        verdict = verdict.afterGoAway(Status.OK);
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
        verdict = verdict.afterGoAway(overloaded);
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
    void aPeerSayingNothingOrGoingAwayWithoutARefusalSharesAConstant() {
        assertThat(PeerVerdict.NONE.afterGoAway(Status.OK)).isSameAs(PeerVerdict.NONE.afterGoAway(Status.OK));
        assertThat(PeerVerdict.NONE.afterGoAway(Status.OK).withoutGoingAway()).isSameAs(PeerVerdict.NONE);
        assertThat(PeerVerdict.NONE.refusedBeforeOpening(null)).isSameAs(PeerVerdict.NONE);
    }

    @Test
    void clearingTheNoticeKeepsARefusal() {
        Status no = Status.withCause(Status.SERVICE_UNAVAILABLE, "no");
        verdict = verdict.afterGoAway(no);
        verdict = verdict.withoutGoingAway();
        assertThat(verdict.goingAway()).isFalse();
        assertThat(verdict.refusal()).isEqualTo(no);
    }

    @Test
    void aRefusalFoundAfterTheCloseDoesNotReplaceOneSeenBefore() {
        Status first = Status.withCause(Status.SERVICE_UNAVAILABLE, "first");
        verdict = verdict.refusedBeforeOpening(first);
        verdict = verdict.refusedBeforeOpening(Status.withCause(Status.SERVICE_UNAVAILABLE, "second"));
        verdict = verdict.refusedBeforeOpening(null);
        assertThat(verdict.refusal()).isEqualTo(first);
    }

    @Test
    void aWriteThatRacedTheRefusingPeersCloseFailsWithTheRefusalNot102() {
        java.nio.channels.ClosedChannelException closed = new java.nio.channels.ClosedChannelException();
        assertThat(verdict.unwritten(closed).code()).isEqualTo(Status.CONN_CLOSED);
        Status overloaded = Status.withCause(Status.SERVICE_UNAVAILABLE, "connection overload");
        verdict = verdict.afterGoAway(overloaded);
        DrpcException e = verdict.unwritten(closed);
        assertThat(e.status()).isEqualTo(overloaded);
        assertThat(e.notExecuted()).isTrue();
    }
}
