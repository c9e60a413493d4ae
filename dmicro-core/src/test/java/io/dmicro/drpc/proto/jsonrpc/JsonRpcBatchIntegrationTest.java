package io.dmicro.drpc.proto.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.DrpcDefaults;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.testing.Peers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON-RPC batches at their limits, over real sockets: the batch-size cap and a joined reply over the frame limit. */
class JsonRpcBatchIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Peers peers = new Peers();
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        peers.close();
    }

    private InetSocketAddress server(EndpointConfig config, String listen) {
        Endpoint server = peers.endpoint(config);
        server.router().routeCallFunc("/echo", Integer.class, (ctx, n) -> {
            runs.incrementAndGet();
            return "x".repeat(n);
        });
        return (InetSocketAddress) server.listen(listen);
    }

    private static String batch(int requests, int replyChars) {
        return IntStream.range(0, requests)
                .mapToObj(i -> "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":" + replyChars + ",\"id\":" + i + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void aBatchOverTheCapGetsOneInvalidRequestErrorAndNoneOfItRuns() throws Exception {
        InetSocketAddress bound = server(EndpointConfig.builder().maxBatchSize(50).build(), "tcp://127.0.0.1:0?proto=jsonrpc");
        try (Socket s = new Socket()) {
            s.connect(bound, 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write((batch(51, 1) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            JsonNode reply = JSON.readTree(in.readLine());
            assertThat(reply.isObject()).as("one error, not an array: %s", reply).isTrue();
            assertThat(reply.get("id").isNull()).isTrue();
            assertThat(reply.get("error").get("code").asInt()).isEqualTo(-32600);
            assertThat(reply.get("error").get("data").get("cause").asString())
                    .contains("batch of 51 requests exceeds the limit of 50 (maxBatchSize)");
            assertThat(runs).hasValue(0);

            // the connection goes on: a batch at the cap is answered whole
            out.write((batch(50, 1) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            JsonNode replies = JSON.readTree(in.readLine());
            assertThat(replies.isArray()).isTrue();
            assertThat(replies.size()).isEqualTo(50);
            assertThat(runs).hasValue(50);
        }
    }

    /**
     * Ten replies of 10,000 characters do not fit in a 64 KiB frame together: those that fit are
     * sent, each of the others is a -32603 error for its id saying why, and the whole line keeps
     * to the limit. (The batch used to get no answer at all.)
     */
    @Test
    void aBatchWhoseRepliesExceedTheFrameLimitGetsErrorsForWhatDoesNotFit() throws Exception {
        int limit = 64 * 1024;
        InetSocketAddress bound = server(EndpointConfig.builder().maxMessageSize(limit).build(), "tcp://127.0.0.1:0?proto=jsonrpc");
        try (Socket s = new Socket()) {
            s.connect(bound, 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write((batch(10, 10_000) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line = in.readLine();
            assertThat(line.getBytes(StandardCharsets.UTF_8).length + 2).isLessThanOrEqualTo(limit);
            JsonNode replies = JSON.readTree(line);
            assertThat(replies.size()).isEqualTo(10);
            Set<Integer> ids = new HashSet<>();
            int results = 0;
            for (JsonNode r : replies) {
                ids.add(r.get("id").asInt());
                if (r.has("result")) {
                    assertThat(r.get("result").asString()).hasSize(10_000);
                    results++;
                } else {
                    assertThat(r.get("error").get("code").asInt()).isEqualTo(-32603);
                    assertThat(r.get("error").get("data").get("cause").asString()).contains("does not fit in the batch's frame limit of 65536 bytes");
                }
            }
            assertThat(ids).hasSize(10);
            assertThat(results).isBetween(5, 6);
        }
    }

    /** JSON-RPC over HTTP holds the same cap, the default one here ({@link DrpcDefaults#MAX_BATCH_SIZE}). */
    @Test
    void jsonRpcOverHttpRefusesABatchOverTheDefaultCap() throws Exception {
        InetSocketAddress bound = server(EndpointConfig.builder().build(), "tcp://127.0.0.1:0?proto=http");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + Addresses.format(bound) + "/jsonrpc"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(batch(DrpcDefaults.MAX_BATCH_SIZE + 1, 1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode reply = JSON.readTree(response.body());
        assertThat(reply.get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(reply.get("error").get("data").get("cause").asString()).contains("exceeds the limit of 1000");
        assertThat(runs).hasValue(0);
    }

    @Test
    void theCapMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EndpointConfig.builder().maxBatchSize(0))
                .hasMessage("maxBatchSize must be positive: 0");
    }
}
