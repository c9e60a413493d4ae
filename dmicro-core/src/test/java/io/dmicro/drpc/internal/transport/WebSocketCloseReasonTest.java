package io.dmicro.drpc.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A close frame's reason fits its 123 bytes (a control frame carries at most 125), cut between characters. */
class WebSocketCloseReasonTest {

    @Test
    void aShortReasonIsKept() {
        assertThat(WebSocketClose.reason("unknown proto: bogus")).isEqualTo("unknown proto: bogus");
        assertThat(WebSocketClose.reason(null)).isEqualTo("null");
    }

    @Test
    void aLongReasonIsCutToFitAndNeverInsideACharacter() {
        String known = "unknown proto: bogus (known: " + "raw, erpc, json, protobuf, jsonrpc, jsonrpc-go, ws-json, ws-pb, ".repeat(3) + ")";
        String cut = WebSocketClose.reason(known);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(cut).startsWith("unknown proto: bogus (known: raw").endsWith("...");
        String wide = "é".repeat(100); // two bytes each: a cut at an odd byte would split one
        String wideCut = WebSocketClose.reason(wide);
        assertThat(wideCut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(wideCut).isEqualTo("é".repeat(60) + "...");
    }
}
