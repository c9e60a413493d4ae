package io.dmicro.spring.boot.autoconfigure.client;

import java.time.Duration;

/** Learns the outcome of every attempt a {@link io.dmicro.spring.boot.autoconfigure.DrpcClient} makes; metrics implement it. */
@FunctionalInterface
public interface ClientCallObserver {

    ClientCallObserver NONE = (serviceId, route, peer, statusCode, duration) -> { };

    /**
     * One attempt finished.
     *
     * @param serviceId the discovered service
     * @param route the route called
     * @param peer {@code host:port} of the instance, or empty when none could be chosen
     * @param statusCode 0 for success, else the drpc status code
     * @param duration from sending to the outcome
     */
    void attempted(String serviceId, String route, String peer, int statusCode, Duration duration);
}
