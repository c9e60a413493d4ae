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
        assertThat(verdict.broken(7, "gone").code()).isEqualTo(Status.CONN_CLOSED);
    }

    @Test
    void aPeerGoingAwayMakesSendsOnAnOpenSessionFail503NotExecuted() {
        verdict = verdict.afterGoAway(Status.OK, null);
        assertThat(verdict.goingAway()).isTrue();
        assertThat(verdict.refusal()).isNull();
        DrpcException e = verdict.closedError("s1", SessionState.OK);
        assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        assertThat(e.notExecuted()).isTrue();
        // a written call whose connection then broke may have run: still 102
        assertThat(verdict.broken(7, "gone").code()).isEqualTo(Status.CONN_CLOSED);
    }

    @Test
    void aRefusalIsWhatBothSendsAndWrittenCallsFailWith() {
        Status overloaded = Status.withCause(Status.SERVICE_UNAVAILABLE, "too many connections");
        verdict = verdict.afterGoAway(overloaded, null);
        assertThat(verdict.goingAway()).isTrue();
        assertThat(verdict.refusal()).isEqualTo(overloaded);
        assertThat(verdict.closedError("s1", SessionState.PASSIVE_CLOSED).status()).isEqualTo(overloaded);
        assertThat(verdict.closedError("s1", SessionState.PASSIVE_CLOSED).notExecuted()).isTrue();
        assertThat(verdict.broken(7, "gone")).isEqualTo(overloaded);
    }

    @Test
    void aSessionClosingItselfRefusesSendsWith503() {
        DrpcException e = verdict.closedError("s1", SessionState.ACTIVE_CLOSING);
        assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        assertThat(e.notExecuted()).isTrue();
    }

    @Test
    void aPeerSayingNothingOrGoingAwayWithoutARefusalSharesAConstant() {
        assertThat(PeerVerdict.NONE.afterGoAway(Status.OK, null)).isSameAs(PeerVerdict.NONE.afterGoAway(Status.OK, null));
        assertThat(PeerVerdict.NONE.afterGoAway(Status.OK, null).withoutGoingAway()).isSameAs(PeerVerdict.NONE);
        assertThat(PeerVerdict.NONE.refusedBeforeOpening(null)).isSameAs(PeerVerdict.NONE);
    }

    @Test
    void clearingTheNoticeKeepsARefusal() {
        Status no = Status.withCause(Status.SERVICE_UNAVAILABLE, "no");
        verdict = verdict.afterGoAway(no, null);
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
        verdict = verdict.afterGoAway(overloaded, null);
        DrpcException e = verdict.unwritten(closed);
        assertThat(e.status()).isEqualTo(overloaded);
        assertThat(e.notExecuted()).isTrue();
    }

    @Test
    void aNoticeSayingWhichCallsWereReadMakesLaterCutOffCallsNotExecuted503() {
        verdict = verdict.afterGoAway(Status.OK, new GoAway.CallsRead(true, 5));
        assertThat(verdict.broken(5, "gone").code()).isEqualTo(Status.CONN_CLOSED);
        assertThat(verdict.broken(4, "gone").code()).isEqualTo(Status.CONN_CLOSED);
        Status later = verdict.broken(6, "gone");
        assertThat(later.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        assertThat(later.toException().notExecuted()).isTrue();
        assertThat(later.cause()).contains("the last it read was 5");
        // a second notice without the field keeps what the first said
        assertThat(verdict.afterGoAway(Status.OK, null).broken(6, "gone").code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        // a redialed connection starts with nothing said
        assertThat(verdict.withoutGoingAway().broken(6, "gone").code()).isEqualTo(Status.CONN_CLOSED);
    }

    @Test
    void aNoticeSayingNoCallWasReadMakesEveryCutOffCallNotExecuted() {
        verdict = verdict.afterGoAway(Status.OK, GoAway.CallsRead.NONE);
        assertThat(verdict.broken(1, "gone").code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        assertThat(verdict.broken(Integer.MIN_VALUE, "gone").code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        assertThat(verdict.broken(1, "gone").cause()).contains("it read none");
    }

    @Test
    void sequenceNumbersThatWrappedAreStillAfterTheLastRead() {
        GoAway.CallsRead read = new GoAway.CallsRead(true, Integer.MAX_VALUE);
        assertThat(read.unread(Integer.MIN_VALUE)).isTrue(); // the number after MAX_VALUE
        assertThat(read.unread(Integer.MIN_VALUE + 10)).isTrue();
        assertThat(read.unread(Integer.MAX_VALUE - 1)).isFalse();
        assertThat(read.unread(Integer.MAX_VALUE)).isFalse();
    }

    @Test
    void theNoticesFieldIsParsedAndAMissingOrGarbledOneSaysNothing() {
        assertThat(GoAway.callsRead(GoAway.leaving(9, true, 41))).isEqualTo(new GoAway.CallsRead(true, 41));
        assertThat(GoAway.callsRead(GoAway.leaving(9, true, -3))).isEqualTo(new GoAway.CallsRead(true, -3));
        assertThat(GoAway.callsRead(GoAway.leaving(9, false, 0))).isEqualTo(GoAway.CallsRead.NONE);
        assertThat(GoAway.callsRead(GoAway.message(9))).isNull();
        io.dmicro.drpc.message.Message garbled = GoAway.message(9);
        garbled.meta().set(GoAway.LAST_CALL_READ, "12x");
        assertThat(GoAway.callsRead(garbled)).isNull();
        garbled.meta().set(GoAway.LAST_CALL_READ, "99999999999");
        assertThat(GoAway.callsRead(garbled)).isNull();
    }
}
