package io.dmicro.drpc.plugin.observation;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The events one logger wrote during a test, with their MDC. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
            e.prepareForDeferredProcessing(); // the MDC of the logging thread, now, not of whoever reads it later
            super.append(e);
        }
    };

    LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        appender.start();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    /** The MDC trace id of the first event whose message is {@code message}; fails when there is none. */
    String traceIdOf(String message) {
        return events().stream().filter(e -> e.getFormattedMessage().equals(message)).findFirst()
                .map(e -> String.valueOf(e.getMDCPropertyMap().get("traceId")))
                .orElseThrow(() -> new AssertionError("no log line " + message + " in " + events()));
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
