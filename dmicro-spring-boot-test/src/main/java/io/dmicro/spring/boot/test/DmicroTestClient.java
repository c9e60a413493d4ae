package io.dmicro.spring.boot.test;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;

/**
 * Calls the application's own drpc endpoint from a test, as an outside peer would: its own engine
 * endpoint dials the first URI in {@code local.dmicro.uris} on first use and keeps that session.
 */
public final class DmicroTestClient implements DisposableBean {

    private final Environment environment;
    private final Endpoint endpoint = Endpoint.create();
    private @Nullable Session session;

    public DmicroTestClient(Environment environment) {
        this.environment = environment;
    }

    /** The session to the application's endpoint, dialed on first use. */
    public synchronized Session session() {
        if (session == null || !session.isHealthy()) {
            String uris = environment.getProperty("local.dmicro.uris");
            if (uris == null || uris.isBlank()) {
                throw new IllegalStateException("the drpc endpoint is not listening (no local.dmicro.uris): is dmicro.endpoint.listen empty?");
            }
            session = endpoint.dial(uris.split(",")[0].trim());
        }
        return session;
    }

    /** Calls {@code route} and waits (up to the endpoint's call timeout) for the reply. */
    public <T> @Nullable T call(String route, @Nullable Object arg, Class<T> replyType) {
        return Session.await(session().call(route, arg, replyType));
    }

    /** Calls {@code route} with options (timeout, meta, codec) and returns the pending reply. */
    public <T> CompletableFuture<T> callAsync(String route, @Nullable Object arg, Class<T> replyType, CallOptions options) {
        return session().call(route, arg, replyType, options);
    }

    /** Sends a push to {@code route} and waits until it is written. */
    public void push(String route, @Nullable Object arg) {
        Session.await(session().push(route, arg));
    }

    @Override
    public void destroy() {
        endpoint.closeGracefully(Duration.ofSeconds(2)).join();
    }
}
