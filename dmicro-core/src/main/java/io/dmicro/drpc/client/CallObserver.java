package io.dmicro.drpc.client;

import java.time.Duration;

/** Learns the outcome of every attempt a {@link ServiceClient} makes; metrics implement it. */
@FunctionalInterface
public interface CallObserver {

    CallObserver NONE = (service, route, peer, statusCode, duration) -> { };

    /**
     * One attempt finished.
     *
     * @param service the service called
     * @param route the route called
     * @param peer the address of the instance, or empty when none could be chosen
     * @param statusCode 0 for success, else the drpc status code
     * @param duration from choosing an instance to the outcome
     */
    void attempted(String service, String route, String peer, int statusCode, Duration duration);
}
