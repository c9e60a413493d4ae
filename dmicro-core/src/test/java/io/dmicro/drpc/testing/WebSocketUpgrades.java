package io.dmicro.drpc.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A WebSocket upgrade as a page of some origin makes it, with the JDK's client. */
public final class WebSocketUpgrades {

    private WebSocketUpgrades() {
    }

    /** Opens a WebSocket to {@code uri} with {@code Origin: origin}, and closes it: "open", "refused with STATUS", or why it failed. */
    public static String from(String uri, String origin) throws Exception {
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                    .buildAsync(URI.create(uri), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            ws.abort();
            return "open";
        } catch (ExecutionException e) {
            return e.getCause() instanceof WebSocketHandshakeException h
                    ? "refused with " + h.getResponse().statusCode() : String.valueOf(e.getCause());
        }
    }
}
