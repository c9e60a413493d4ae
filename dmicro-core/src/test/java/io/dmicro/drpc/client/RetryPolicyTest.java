package io.dmicro.drpc.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import org.junit.jupiter.api.Test;

/** The retry-safety rule of {@link RetryPolicy#safe()}. */
class RetryPolicyTest {

    private static FailedAttempt failed(int code, boolean sent, boolean idempotent) {
        return new FailedAttempt("svc", "/svc/m", DrpcException.of(Status.of(code, "x")), 1, sent, idempotent);
    }

    private final RetryPolicy safe = RetryPolicy.safe();

    @Test
    void retriesWhatThePeerNeverSaw() {
        assertThat(safe.retry(failed(Status.DIAL_FAILED, false, false))).isTrue();
        assertThat(safe.retry(failed(Status.CONN_CLOSED, false, false))).isTrue();
    }

    @Test
    void retriesWhatThePeerRefusedBeforeRunningIt() {
        assertThat(safe.retry(failed(Status.SERVICE_UNAVAILABLE, true, false))).isTrue();
        assertThat(safe.retry(failed(Status.TOO_MANY_REQUESTS, true, false))).isTrue();
    }

    @Test
    void retriesACallCutOffAfterItWasWrittenOnlyWhenIdempotent() {
        assertThat(safe.retry(failed(Status.CONN_CLOSED, true, false))).isFalse();
        assertThat(safe.retry(failed(Status.CONN_CLOSED, true, true))).isTrue();
    }

    @Test
    void neverRetriesAHandlersErrorOrATimeout() {
        for (int code : new int[] {Status.INTERNAL_SERVER_ERROR, Status.CONFLICT, Status.HANDLE_TIMEOUT, Status.NOT_FOUND, 1234}) {
            assertThat(safe.retry(failed(code, true, true))).as("code " + code).isFalse();
        }
    }

    @Test
    void retriesACallThisSideFailedBeforeWritingIt() {
        DrpcException closedBeforeWrite = DrpcException.notSent(Status.of(Status.CONN_CLOSED, "session closed"));
        assertThat(safe.retry(new FailedAttempt("svc", "/svc/m", closedBeforeWrite, 1, true, false))).isTrue();
    }

    @Test
    void takesAnotherJudgeOfWhatWasNotExecuted() {
        RetryPolicy marked = RetryPolicy.safe(e -> "not executed".equals(e.status().cause()));
        assertThat(marked.retry(new FailedAttempt("svc", "/m", DrpcException.of(Status.of(500, "x", "not executed")), 1, true, false)))
                .isTrue();
        assertThat(marked.retry(failed(Status.SERVICE_UNAVAILABLE, true, false))).isFalse();
    }

    @Test
    void neverMeansNever() {
        assertThat(RetryPolicy.never().retry(failed(Status.DIAL_FAILED, false, true))).isFalse();
    }
}
