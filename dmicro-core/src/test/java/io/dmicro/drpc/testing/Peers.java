package io.dmicro.drpc.testing;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Endpoints for a test over loopback, closed together afterwards. */
public final class Peers implements AutoCloseable {

    private final List<Endpoint> endpoints = new ArrayList<>();

    public Endpoint endpoint() {
        return endpoint(EndpointConfig.builder().build());
    }

    public Endpoint endpoint(EndpointConfig config) {
        Endpoint e = Endpoint.create(config);
        endpoints.add(e);
        return e;
    }

    /** Listens on a free loopback port and returns {@code 127.0.0.1:port}. */
    public static String listen(Endpoint e) {
        return Addresses.format(e.listen("tcp://127.0.0.1:0"));
    }

    public static Session dial(Endpoint client, Endpoint server) {
        String address = server.listenAddresses().isEmpty() ? listen(server) : Addresses.format(server.listenAddresses().get(0));
        return client.dial(address);
    }

    /**
     * Dials a server whose AfterAccept hooks refuse the connection and waits, at most the bound,
     * until the dialer has seen the refusal. The dialer learns it before its dial returns (the dial
     * fails) or after (the session it returned closes): the wire has no "accepted" message to wait
     * for, so timing decides, and both are correct. Returns the dial's failure, or null when the
     * dial returned a session and that session closed.
     */
    public static @org.jspecify.annotations.Nullable DrpcException dialRefused(Endpoint client, Endpoint server, Duration bound) {
        Session s;
        try {
            s = dial(client, server);
        } catch (DrpcException e) {
            return e;
        }
        await("refused session closed", bound, () -> s.state().isClosed());
        return null;
    }

    /** Polls a condition every few milliseconds, failing after the bound. */
    public static void await(String what, Duration bound, BooleanSupplier condition) {
        if (!poll(bound, condition)) {
            throw new AssertionError("timed out after " + bound + " waiting for " + what);
        }
    }

    /** Polls a condition every few milliseconds until it holds (true) or the bound passes (false). */
    /** The status code {@code f} failed with, waiting for it at most 5 s; an error if it completed normally. */
    public static int failureCode(CompletableFuture<?> f) throws Exception {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return ((DrpcException) e.getCause()).code();
        }
        throw new AssertionError("completed normally");
    }

    public static boolean poll(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5); // polling interval of a bounded wait, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (Endpoint e : endpoints) {
            e.closeGracefully(Duration.ofSeconds(2)).join();
        }
    }
}
