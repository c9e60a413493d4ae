package io.dmicro.spring.boot.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.transport.TransportUri;
import io.dmicro.spring.boot.autoconfigure.client.ClientTls;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenUrisTest {

    private final TlsFiles tls = new TlsFiles(true, "/pki/cert.pem", "/pki/key.pem", "s3cr+t", "/pki/ca.pem", "require");

    private static TransportUri only(List<String> uris) {
        assertThat(uris).hasSize(1);
        return TransportUri.parse(uris.get(0));
    }

    @Test
    void leavesUrisAsConfiguredWithoutTls() {
        TlsFiles off = new TlsFiles(false, "/pki/cert.pem", "/pki/key.pem", null, null, "none");
        assertThat(ListenUris.effective(List.of("tcp://0.0.0.0:9090", "ws://0.0.0.0:80/drpc"), off))
                .containsExactly("tcp://0.0.0.0:9090", "ws://0.0.0.0:80/drpc");
    }

    @Test
    void turnsTcpIntoTlsWithEveryOption() {
        TransportUri uri = only(ListenUris.effective(List.of("tcp://0.0.0.0:9090"), tls));
        assertThat(uri.scheme()).isEqualTo("tls");
        assertThat(uri.host()).isEqualTo("0.0.0.0");
        assertThat(uri.port()).isEqualTo(9090);
        // the files are loaded into the endpoint's TLS context: no path and no key password in the URI
        assertThat(uri.params()).containsEntry("tlsContext", TlsContextsFactory.ENDPOINT).containsEntry("clientAuth", "require")
                .doesNotContainKeys("cert", "key", "keyPassword", "ca");
    }

    @Test
    void turnsWebSocketIntoSecureWebSocketKeepingItsPath() {
        TransportUri uri = only(ListenUris.effective(List.of("ws://127.0.0.1:0/drpc?proto=jsonrpc"), tls));
        assertThat(uri.scheme()).isEqualTo("wss");
        assertThat(uri.path()).isEqualTo("/drpc");
        assertThat(uri.params()).containsEntry("proto", "jsonrpc").containsEntry("tlsContext", TlsContextsFactory.ENDPOINT);
    }

    @Test
    void portSharingKeepsItsSchemeAndAddsTlsToAnExplicitList() {
        TransportUri listed = only(ListenUris.effective(List.of("tcp://127.0.0.1:0?protos=raw,http"), tls));
        assertThat(listed.scheme()).isEqualTo("tcp");
        assertThat(listed.params()).containsEntry("protos", "raw,http,tls").containsEntry("tlsContext", TlsContextsFactory.ENDPOINT);
        TransportUri all = only(ListenUris.effective(List.of("tcp://127.0.0.1:0?protos=all"), tls));
        assertThat(all.params()).containsEntry("protos", "all").containsEntry("tlsContext", TlsContextsFactory.ENDPOINT);
    }

    @Test
    void optionsTheUriSetsWinAndOtherSchemesAreLeftAlone() {
        TransportUri uri = only(ListenUris.effective(List.of("tls://127.0.0.1:0?clientAuth=none"), tls));
        assertThat(uri.params()).containsEntry("clientAuth", "none");
        assertThat(ListenUris.effective(List.of("unix:///run/app.sock"), tls)).containsExactly("unix:///run/app.sock");
    }

    @Test
    void clientDialUriNamesTheClientContextAndNoSecret() {
        TransportUri uri = TransportUri.parse(new ClientTls(TlsContextsFactory.CLIENT).dialUri("127.0.0.1:9090"));
        assertThat(uri.scheme()).isEqualTo("tls");
        assertThat(uri.params()).containsExactly(java.util.Map.entry("tlsContext", TlsContextsFactory.CLIENT));
        assertThat(tls.toString()).doesNotContain("s3cr+t");
        assertThat(ClientTls.DEFAULT.dialUri("[::1]:9090")).isEqualTo("tls://[::1]:9090");
    }
}
