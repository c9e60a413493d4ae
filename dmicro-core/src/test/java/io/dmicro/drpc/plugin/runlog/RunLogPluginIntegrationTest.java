package io.dmicro.drpc.plugin.runlog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RunLogPluginIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RunLogPlugin.class);
    private Level previous;

    @BeforeEach
    void capture() {
        previous = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        peers.close();
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }

    private List<String> lines(String prefix) {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith(prefix)).toList();
    }

    private Session pair(EndpointConfig.Builder serverConfig, EndpointConfig.Builder clientConfig, CountDownLatch pushed) {
        Endpoint server = peers.endpoint(serverConfig.plugins(new RunLogPlugin()).build());
        server.router().routeCallFunc("/svc/echo", String.class, (ctx, s) -> "echo " + s);
        server.router().routePushFunc("/svc/note", String.class, (PushContext ctx, String s) -> pushed.countDown());
        return Peers.dial(peers.endpoint(clientConfig.plugins(new RunLogPlugin()).build()), server);
    }

    @Test
    void logsOneLinePerCallAndPushInBothDirectionsWithoutDetailByDefault() throws Exception {
        CountDownLatch pushed = new CountDownLatch(1);
        Session s = pair(EndpointConfig.builder(), EndpointConfig.builder(), pushed);

        s.callSync("/svc/echo", "hi", String.class);
        s.push("/svc/note", "n").get(10, TimeUnit.SECONDS);
        assertThat(pushed.await(10, TimeUnit.SECONDS)).isTrue();
        Peers.await("four run-log lines", BOUND, () -> appender.list.size() >= 4);

        assertThat(lines("CALL-> ")).singleElement().satisfies(l -> assertThat(l)
                .matches("CALL-> 127\\.0\\.0\\.1:\\d+ \\d+\\.\\d{3}ms\\(fast\\) \"/svc/echo\" SEND\\(size=4 status=0\\) RECV\\(size=9 status=0\\)"));
        assertThat(lines("CALL<- ")).singleElement().satisfies(l -> assertThat(l)
                .matches("CALL<- 127\\.0\\.0\\.1:\\d+ \\d+\\.\\d{3}ms\\(fast\\) \"/svc/echo\" RECV\\(size=4 status=0\\) SEND\\(size=9 status=0\\)"));
        assertThat(lines("PUSH-> ")).singleElement().satisfies(l -> assertThat(l).contains("\"/svc/note\" SEND(size=3 status=0)"));
        assertThat(lines("PUSH<- ")).singleElement().satisfies(l -> assertThat(l).contains("\"/svc/note\" RECV(size=3 status=0)"));
        assertThat(appender.list).allMatch(e -> e.getLevel() == Level.INFO);
    }

    @Test
    void slowCallsAreMarkedAtWarnAndDetailShowsMetaAndBody() {
        CountDownLatch pushed = new CountDownLatch(1);
        Session s = pair(EndpointConfig.builder(),
                EndpointConfig.builder().slowCallThreshold(Duration.ofNanos(1)).printDetail(true), pushed);

        s.callSync("/svc/echo", "hi", String.class);
        Session.await(s.call("/svc/echo", "x", String.class, CallOptions.DEFAULT.withMeta("X-Trace", "t-9")));
        Peers.await("client run-log lines", BOUND, () -> lines("CALL-> ").size() == 2);

        List<ILoggingEvent> calls = appender.list.stream().filter(e -> e.getFormattedMessage().startsWith("CALL-> ")).toList();
        assertThat(calls).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("ms(slow)");
        });
        assertThat(calls.get(1).getFormattedMessage()).contains("meta={X-Trace=t-9} body=\"x\"").contains("body=\"echo x\"");
        assertThat(lines("CALL<- ")).allSatisfy(l -> assertThat(l).doesNotContain("body="));
    }

    @Test
    void explicitSettingsWinOverTheEndpointsAndErrorsShowTheirStatus() {
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(new RunLogPlugin(Duration.ZERO, false, System::nanoTime)).build());
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().printDetail(true)
                .plugins(new RunLogPlugin(Duration.ofDays(1), false, System::nanoTime)).build()), server);

        try {
            s.callSync("/missing", "x", String.class);
        } catch (RuntimeException expected) {
            // 404
        }
        Peers.await("client run-log line", BOUND, () -> lines("CALL-> ").size() == 1);
        assertThat(lines("CALL-> ").get(0)).contains("(fast)").contains("RECV(size=0 status=404 Not Found").doesNotContain("body=");
    }
}
