package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.drpc.Endpoint;
import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import io.dmicro.spring.boot.autoconfigure.EndpointLifecycleListener;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the endpoint with the application context. Start binds every listen URI, then
 * tells the listeners (the registry bridge publishes). Stop tells the listeners first (the bridge
 * deregisters, so no new caller picks this peer), stops accepting, then closes gracefully: running
 * handlers finish and our own calls get their replies, within the drain timeout.
 *
 * <p>Its phase is below the web server's, so drpc listens before the web server starts (and before
 * a registry's auto-registration runs on the web server's start event), and stops after it.
 */
public final class EndpointLifecycle implements SmartLifecycle {

    /** Below Spring Boot's web server start/stop phase ({@code DEFAULT_PHASE - 2048}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(EndpointLifecycle.class);

    private final Endpoint endpoint;
    private final List<String> listen;
    private final List<String> bind;
    private final Duration drainTimeout;
    private final List<EndpointLifecycleListener> listeners;
    private volatile boolean running;
    private volatile java.util.concurrent.@org.jspecify.annotations.Nullable CountDownLatch keepAlive;

    /**
     * @param listen the configured listen URIs, which failures name
     * @param bind the URIs bound, index for index: the configured ones with any TLS options added
     */
    public EndpointLifecycle(Endpoint endpoint, List<String> listen, List<String> bind, Duration drainTimeout,
            List<EndpointLifecycleListener> listeners) {
        if (listen.size() != bind.size()) {
            throw new IllegalArgumentException("listen and bind must pair up: " + listen.size() + " != " + bind.size());
        }
        this.endpoint = endpoint;
        this.listen = List.copyOf(listen);
        this.bind = List.copyOf(bind);
        this.drainTimeout = drainTimeout;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        for (int i = 0; i < listen.size(); i++) {
            listen(i, listen.get(i), bind.get(i));
        }
        running = true;
        keepAliveWhileListening();
        listeners.forEach(l -> l.started(endpoint));
    }

    /** Binds {@code bound}; failures name the configured {@code uri}, never the TLS options (a key password) added to it. */
    private void listen(int index, String uri, String bound) {
        try {
            endpoint.listen(bound);
        } catch (IllegalArgumentException e) {
            throw new DmicroConfigurationException(ListenUris.key(index), uri, String.valueOf(e.getMessage()),
                    "Use a URI whose scheme this endpoint supports, such as tcp://0.0.0.0:9090.", e);
        } catch (RuntimeException e) {
            if (addressInUse(e)) {
                throw new DmicroConfigurationException(ListenUris.key(index), uri, "the address is already in use",
                        "Stop the process listening there, or listen on another port (port 0 picks a free one), "
                                + "for example --dmicro.endpoint.listen=tcp://0.0.0.0:9191.", e);
            }
            throw new DmicroConfigurationException(ListenUris.key(index), uri, "cannot listen: " + e.getMessage(),
                    "Check that the address belongs to this machine and the port is free.", e);
        }
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public void stop(Runnable callback) {
        if (!running) {
            callback.run();
            return;
        }
        running = false;
        java.util.concurrent.CountDownLatch alive = keepAlive;
        for (EndpointLifecycleListener l : listeners) {
            try {
                l.stopping(endpoint);
            } catch (RuntimeException e) {
                log.warn("{} failed while the endpoint was stopping", l, e);
            }
        }
        endpoint.stopAccepting();
        log.info("drpc endpoint stopping: {} sessions, draining for up to {}", endpoint.sessionCount(), drainTimeout);
        endpoint.closeGracefully(drainTimeout).whenComplete((v, e) -> {
            if (alive != null) {
                alive.countDown();
            }
            callback.run();
        });
    }

    /**
     * Netty's threads are daemons: a service that only listens for drpc (no web server) would end as
     * soon as its main method returns. As a web server does, one non-daemon thread holds the JVM while
     * the endpoint listens, until the endpoint has stopped.
     */
    private void keepAliveWhileListening() {
        if (endpoint.listenAddresses().isEmpty()) {
            return;
        }
        java.util.concurrent.CountDownLatch alive = new java.util.concurrent.CountDownLatch(1);
        keepAlive = alive;
        Thread t = new Thread(() -> {
            try {
                alive.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dmicro-keep-alive");
        t.setDaemon(false);
        t.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    public Duration drainTimeout() {
        return drainTimeout;
    }

    /**
     * The JDK's sockets say so with a {@link BindException}; Netty's native transport (epoll, the
     * default) with an IOException of its own that carries the errno's text.
     */
    private static boolean addressInUse(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException
                    || (c instanceof java.io.IOException && String.valueOf(c.getMessage()).contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }
}
