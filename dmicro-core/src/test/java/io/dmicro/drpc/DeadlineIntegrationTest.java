package io.dmicro.drpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.plugin.BeforeWriteReply;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines that travel: the caller's remaining time goes in {@link Meta#TIMEOUT}, the handler sees
 * its deadline on the context, and a call that waited past it is answered 408 without running.
 */
class DeadlineIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();
    private final ExecutorService oneWorker = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        peers.close();
        oneWorker.shutdownNow();
    }

    private static String timeLeft(io.dmicro.drpc.router.CallContext ctx) {
        Duration left = ctx.timeLeft();
        return (left == null ? "none" : String.valueOf(left.toMillis())) + " meta=" + ctx.meta().get(Meta.TIMEOUT);
    }

    private static String callSync(Session s, String route, CallOptions options) {
        return Session.await(s.call(route, "?", String.class, options));
    }

    @Test
    void theHandlerSeesTheCallersRemainingTime() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/left", String.class, (ctx, arg) -> timeLeft(ctx));
        Peers.listen(server);
        Endpoint caller = peers.endpoint(EndpointConfig.builder().sendDeadlines(true).build());
        Session s = Peers.dial(caller, server);

        String answer = callSync(s, "/left", CallOptions.timeout(Duration.ofMillis(2000)));
        long left = Long.parseLong(answer.substring(0, answer.indexOf(' ')));
        long sent = Long.parseLong(answer.substring(answer.indexOf("meta=") + 5));
        assertThat(sent).isBetween(1L, 2000L);
        assertThat(left).isBetween(0L, sent);
    }

    @Test
    void withoutSendDeadlinesNothingTravelsAndTheHandlerHasNoDeadline() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/left", String.class, (ctx, arg) -> timeLeft(ctx));
        Peers.listen(server);
        Session s = Peers.dial(peers.endpoint(), server);

        assertThat(callSync(s, "/left", CallOptions.timeout(Duration.ofSeconds(2)))).isEqualTo("none meta=null");
    }

    @Test
    void theEndpointsContextAgeBoundsEveryHandlerAndTheShorterDeadlineWins() {
        Endpoint server = peers.endpoint(EndpointConfig.builder().contextAge(Duration.ofMillis(300)).build());
        server.router().routeCallFunc("/left", String.class, (ctx, arg) -> timeLeft(ctx));
        Peers.listen(server);
        Session plain = Peers.dial(peers.endpoint(), server);
        Session sending = Peers.dial(peers.endpoint(EndpointConfig.builder().sendDeadlines(true).build()), server);

        String ageOnly = plain.callSync("/left", "?", String.class);
        assertThat(Long.parseLong(ageOnly.substring(0, ageOnly.indexOf(' ')))).isBetween(0L, 300L);
        String shorter = callSync(sending, "/left", CallOptions.timeout(Duration.ofMillis(100)));
        assertThat(Long.parseLong(shorter.substring(0, shorter.indexOf(' ')))).isBetween(0L, 100L);
        String longer = callSync(sending, "/left", CallOptions.timeout(Duration.ofSeconds(5)));
        assertThat(Long.parseLong(longer.substring(0, longer.indexOf(' ')))).isBetween(0L, 300L);
    }

    @Test
    void aDeadlineIsPassedOnToTheNextHop() {
        Endpoint last = peers.endpoint();
        last.router().routeCallFunc("/last", String.class, (ctx, arg) -> timeLeft(ctx));
        String lastAddress = Peers.listen(last);
        Endpoint middle = peers.endpoint(EndpointConfig.builder().sendDeadlines(true).build());
        middle.router().routeCallFunc("/middle", String.class, (ctx, arg) -> {
            Duration left = ctx.timeLeft();
            String next = callSync(middle.dial(lastAddress), "/last", CallOptions.timeout(left));
            return left.toMillis() + " > " + next;
        });
        Peers.listen(middle);
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().sendDeadlines(true).build()), middle);

        String answer = callSync(s, "/middle", CallOptions.timeout(Duration.ofMillis(1500)));
        long atMiddle = Long.parseLong(answer.substring(0, answer.indexOf(' ')));
        long atLast = Long.parseLong(answer.substring(answer.indexOf("> ") + 2, answer.indexOf(" meta")));
        assertThat(atMiddle).isBetween(1L, 1500L);
        assertThat(atLast).isBetween(0L, atMiddle);
    }

    @Test
    void aCallStillQueuedWhenItsDeadlinePassesIsAnswered408WithoutRunning() throws Exception {
        List<Integer> replyCodes = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong workArrived = new java.util.concurrent.atomic.AtomicLong();
        Endpoint server = peers.endpoint(EndpointConfig.builder().handlerExecutor(oneWorker)
                .plugins((BeforeWriteReply) ctx -> {
                    replyCodes.add(ctx.output().status().code());
                    return Status.OK;
                }, (io.dmicro.drpc.plugin.AfterReadCallHeader) ctx -> {
                    if ("/work".equals(ctx.input().serviceMethod())) {
                        workArrived.set(System.nanoTime());
                    }
                    return Status.OK;
                }).build());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger worked = new AtomicInteger();
        server.router().routeCallFunc("/busy", String.class, (ctx, arg) -> {
            release.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return "done";
        });
        server.router().routeCallFunc("/work", String.class, (ctx, arg) -> {
            worked.incrementAndGet();
            return "worked";
        });
        Peers.listen(server);
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().sendDeadlines(true).build()), server);

        CompletableFuture<String> busy = s.call("/busy", "?", String.class, CallOptions.timeout(BOUND));
        CompletableFuture<String> work = s.call("/work", "?", String.class, CallOptions.timeout(Duration.ofMillis(100)));
        // the caller gives up at its deadline, while /work still waits behind /busy for the one worker
        assertThatThrownBy(() -> Session.await(work)).isInstanceOfSatisfying(DrpcException.class,
                e -> assertThat(e.code()).isEqualTo(Status.HANDLE_TIMEOUT));
        // the server's deadline for /work is its arrival plus the at most 100 ms it carried: let that pass there too
        Peers.await("the late call's deadline passed on the server", BOUND,
                () -> workArrived.get() != 0 && System.nanoTime() - workArrived.get() > TimeUnit.MILLISECONDS.toNanos(150));
        release.countDown();
        assertThat(busy.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("done");
        Peers.await("the late call answered", BOUND, () -> replyCodes.size() == 2);

        assertThat(replyCodes).containsExactly(Status.OK_CODE, Status.HANDLE_TIMEOUT);
        assertThat(worked).as("the handler of the late call never ran").hasValue(0);
    }

    @Test
    void aTimeoutThatIsNotANumberIsIgnored() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/left", String.class, (ctx, arg) -> timeLeft(ctx));
        Peers.listen(server);
        Session s = Peers.dial(peers.endpoint(), server);

        for (String garbage : new String[] {"-5", "abc", "", "99999999999999999999", "1e3"}) {
            assertThat(callSync(s, "/left", CallOptions.DEFAULT.withMeta(Meta.TIMEOUT, garbage)))
                    .as(garbage).startsWith("none");
        }
    }
}
