package io.dmicro.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The {@code /actuator/dmicro} endpoint of a Spring Boot service, over HTTP with the JDK's client.
 * The URL may name the service ({@code http://host:8080}, whose actuator is then at {@code /actuator}),
 * the actuator ({@code http://host:8080/actuator}) or the dmicro endpoint itself.
 */
final class Actuator {

    /** The actuator could not be reached or answered an error (exit code 9). */
    static final class ActuatorException extends RuntimeException {
        ActuatorException(String message) {
            super(message, null, false, false);
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Actuator(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw new UsageException("the actuator URL must start with http:// or https://: " + url);
        }
        if (URI.create(u).getRawPath().isEmpty()) {
            u += "/actuator"; // the service's own address: its actuator is where Spring Boot puts it by default
        }
        this.base = u.endsWith("/dmicro") ? u : u + "/dmicro";
    }

    /**
     * {@code GET} of a part of the endpoint; {@code whenAbsent} says what a 404 means when the
     * endpoint itself answers (the part is missing, not the endpoint's exposure).
     */
    JsonNode get(String path, String whenAbsent) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), whenAbsent);
    }

    JsonNode delete(String path, String whenAbsent) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), whenAbsent);
    }

    JsonNode post(String path, JsonNode body, String whenAbsent) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BodyFormat.JSON.writeValueAsString(body))), whenAbsent);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest.Builder request, String whenAbsent) {
        HttpRequest r = json(request);
        HttpResponse<String> response = exchange(r);
        int code = response.statusCode();
        if (code == 404) {
            // the actuator answers 404, with no body, both for an endpoint that is not exposed and for
            // a part of it that does not exist: the endpoint's own root tells which
            if (exchange(json(HttpRequest.newBuilder(URI.create(base)).GET())).statusCode() == 200) {
                throw new ActuatorException(r.method() + " " + r.uri() + ": 404 Not Found: " + whenAbsent);
            }
            throw new ActuatorException(r.method() + " " + r.uri() + ": 404 Not Found (is the dmicro endpoint exposed:"
                    + " management.endpoints.web.exposure.include=dmicro?)");
        }
        if (code == 405) {
            throw new ActuatorException(r.method() + " " + r.uri() + ": 405 Method Not Allowed (write operations are off:"
                    + " management.endpoint.dmicro.access=unrestricted turns them on)");
        }
        if (code >= 400) {
            throw new ActuatorException(r.method() + " " + r.uri() + ": HTTP " + code + " " + response.body());
        }
        String text = response.body();
        return text == null || text.isBlank() ? BodyFormat.JSON.createObjectNode() : BodyFormat.JSON.readTree(text);
    }

    private static HttpRequest json(HttpRequest.Builder request) {
        return request.timeout(Duration.ofSeconds(10)).header("Accept", "application/json").build();
    }

    private HttpResponse<String> exchange(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            // the JDK's client says only "java.net.ConnectException", without a message, for a refused connection
            URI u = r.uri();
            int port = u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            throw new ActuatorException("cannot reach " + u + ": connection refused: nothing listens on " + u.getHost() + ":" + port);
        } catch (IOException e) {
            throw new ActuatorException("cannot reach " + r.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActuatorException("interrupted");
        }
    }
}
