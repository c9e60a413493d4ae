package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dmicro.drpc.testing.ManualClock;
import io.netty.handler.codec.CorruptedFrameException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A flood of peers' protocol errors logs a few lines a second, each without a stack trace. */
class ProtocolErrorLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("test.protocol-errors");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final ManualClock clock = new ManualClock();
    private final ProtocolErrorLog log = new ProtocolErrorLog(logger, clock::nanoTime);

    ProtocolErrorLogTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void logsAtMostFiveLinesASecondWithoutTracesAndCountsTheRest() {
        for (int i = 0; i < 100; i++) {
            log.report("127.0.0.1:" + i, new CorruptedFrameException("bad frame " + i));
        }
        assertThat(lines.list).hasSize(ProtocolErrorLog.PER_SECOND);
        assertThat(lines.list).allMatch(e -> e.getThrowableProxy() == null);
        assertThat(lines.list.get(0).getFormattedMessage()).isEqualTo("closing connection 127.0.0.1:0: CorruptedFrameException: bad frame 0");

        clock.advance(Duration.ofSeconds(1));
        log.report("127.0.0.1:100", new CorruptedFrameException("bad frame 100"));
        assertThat(lines.list).hasSize(ProtocolErrorLog.PER_SECOND + 1);
        assertThat(lines.list.get(ProtocolErrorLog.PER_SECOND).getFormattedMessage())
                .endsWith("(95 more protocol errors not logged)");
    }
}
