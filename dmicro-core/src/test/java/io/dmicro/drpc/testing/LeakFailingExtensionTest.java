package io.dmicro.drpc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The leak check still fails the test that leaked, now that it forces collections only after tests
 * that left buffers unreleased. Runs the cases below through the JUnit engine, as the build runs
 * any test; they are nested classes, which the build's own test scan leaves out.
 */
class LeakFailingExtensionTest {

    @Test
    void failsTheTestThatLeaksABuffer() {
        Events tests = run(LeakingCase.class);
        assertThat(tests.failed().count()).isEqualTo(1);
        Throwable failure = tests.failed().stream().map(LeakFailingExtensionTest::cause).findFirst().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("leak detected").hasMessageContaining(LeakFailingExtension.DELIBERATE_LEAK);
    }

    @Test
    void passesTestsThatReleaseTheirBuffers() {
        Events tests = run(CleanCase.class);
        assertThat(tests.succeeded().count()).isEqualTo(2);
        assertThat(tests.failed().count()).isZero();
    }

    private static Events run(Class<?> cases) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(cases))
                .execute()
                .testEvents();
    }

    private static Throwable cause(Event event) {
        return event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    /** Leaks a pooled buffer: it is dropped without a release (marked, so the leak is not logged). */
    static class LeakingCase {

        @Test
        void leaksOneBuffer() {
            ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(32);
            leaked.writeInt(42);
            leaked.touch(LeakFailingExtension.DELIBERATE_LEAK);
        }
    }

    /** Allocates and releases, alone and over a real connection. */
    static class CleanCase {

        @Test
        void releasesWhatItAllocates() {
            List<ByteBuf> buffers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                buffers.add(PooledByteBufAllocator.DEFAULT.buffer(64).writeLong(i));
            }
            buffers.forEach(ByteBuf::release);
        }

        @Test
        void callsOverLoopback() {
            try (Peers peers = new Peers()) {
                Endpoint server = peers.endpoint();
                server.router().routeCallFunc("/echo", String.class, (ctx, arg) -> arg);
                Session session = Peers.dial(peers.endpoint(), server);
                assertThat(session.callSync("/echo", "hello", String.class)).isEqualTo("hello");
            }
        }
    }
}
