package io.dmicro.drpc.plugin.securebody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.plugin.AfterReadReplyHeader;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Reply;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both cipher variants over real sockets: what travels is encrypted, both ends see plain values. */
class SecureBodyIntegrationTest {

    private static final byte[] GCM_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    public record Args(int a, int b) {
    }

    /** Sees bodies as they came off the wire, before the secure plugin's body hooks. */
    private static final class WireSpy implements AfterReadCallHeader, AfterReadReplyHeader {
        final AtomicReference<String> call = new AtomicReference<>();
        final AtomicReference<String> reply = new AtomicReference<>();

        @Override
        public String name() {
            return "wireSpy";
        }

        @Override
        public Status afterReadCallHeader(ReadContext ctx) {
            call.set(new String(ctx.input().body(), StandardCharsets.UTF_8));
            return Status.OK;
        }

        @Override
        public Status afterReadReplyHeader(ReadContext ctx) {
            reply.set(new String(ctx.input().body(), StandardCharsets.UTF_8) + " secure=" + ctx.input().meta().get(SecureBody.SECURE_META));
            return Status.OK;
        }
    }

    private Session pair(Plugin serverPlugin, Plugin clientPlugin, WireSpy serverSpy, WireSpy clientSpy) {
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(serverSpy, serverPlugin).build());
        server.router().routeCallFunc("/math/add", Args.class, (ctx, args) -> args.a() + args.b());
        return Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(clientSpy, clientPlugin).build()), server);
    }

    private void assertSecureRoundTrip(Plugin server, Plugin client, String version) {
        WireSpy serverSpy = new WireSpy();
        WireSpy clientSpy = new WireSpy();
        Session s = pair(server, client, serverSpy, clientSpy);

        Integer sum = Session.await(s.call("/math/add", new Args(20, 22), Integer.class, SecureBody.secure(CallOptions.DEFAULT)));
        assertThat(sum).isEqualTo(42);
        assertThat(serverSpy.call.get()).contains("\"cipherVersion\":\"" + version + "\"").doesNotContain("\"a\":20");
        assertThat(clientSpy.reply.get()).contains("\"ciphertext\":").endsWith("secure=true").doesNotStartWith("42");

        assertThat(s.callSync("/math/add", new Args(1, 2), Integer.class)).isEqualTo(3); // plain stays plain
        assertThat(serverSpy.call.get()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(clientSpy.reply.get()).isEqualTo("3 secure=null");
    }

    @Test
    void drpcCompatibleVariantEncryptsCallAndReply() {
        assertSecureRoundTrip(SecureBodyPlugin.drpcCompatible("cipherkey1234567"),
                SecureBodyPlugin.drpcCompatible("cipherkey1234567"), "1ba49884c59b16619f411c7c80343c9c");
    }

    @Test
    void gcmVariantEncryptsCallAndReply() {
        SecureBodyPlugin plugin = SecureBodyPlugin.aesGcm(GCM_KEY);
        assertSecureRoundTrip(plugin, SecureBodyPlugin.aesGcm(GCM_KEY), new AesGcmCipher(GCM_KEY).version());
    }

    @Test
    void replySecureMetaChoosesTheReplysFormWhateverTheRequests() {
        WireSpy serverSpy = new WireSpy();
        WireSpy clientSpy = new WireSpy();
        Session s = pair(SecureBodyPlugin.aesGcm(GCM_KEY), SecureBodyPlugin.aesGcm(GCM_KEY), serverSpy, clientSpy);

        Integer two = Session.await(s.call("/math/add", new Args(1, 1), Integer.class,
                SecureBody.replySecure(CallOptions.DEFAULT, true)));
        assertThat(two).isEqualTo(2);
        assertThat(serverSpy.call.get()).isEqualTo("{\"a\":1,\"b\":1}");
        assertThat(clientSpy.reply.get()).endsWith("secure=true");

        Reply<Integer> plainReply = Session.await(s.callForReply("/math/add", new Args(2, 2), Integer.class,
                SecureBody.replySecure(SecureBody.secure(CallOptions.DEFAULT), false)));
        assertThat(plainReply.body()).isEqualTo(4);
        assertThat(clientSpy.reply.get()).isEqualTo("4 secure=null");
    }

    @Test
    void wrongKeyIsRefusedWith409ForBothVariants() {
        Session cbc = pair(SecureBodyPlugin.drpcCompatible("cipherkey1234567"), SecureBodyPlugin.drpcCompatible("otherkey12345678"),
                new WireSpy(), new WireSpy());
        assertThatThrownBy(() -> Session.await(cbc.call("/math/add", new Args(1, 2), Integer.class, SecureBody.secure(CallOptions.DEFAULT))))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.status().cause()).contains("cipher key version mismatch");
                });

        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        Session gcm = pair(SecureBodyPlugin.aesGcm(GCM_KEY), SecureBodyPlugin.aesGcm(otherKey), new WireSpy(), new WireSpy());
        assertThatThrownBy(() -> Session.await(gcm.call("/math/add", new Args(1, 2), Integer.class, SecureBody.secure(CallOptions.DEFAULT))))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    void forgedGcmBodyWithTheRightVersionIsRefused() {
        Plugin noCipher = (io.dmicro.drpc.plugin.AfterWriteCall) ctx -> Status.OK;
        Session s = pair(SecureBodyPlugin.aesGcm(GCM_KEY), noCipher, new WireSpy(), new WireSpy());
        String forged = "{\"cipherVersion\":\"" + new AesGcmCipher(GCM_KEY).version() + "\",\"ciphertext\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}";
        assertThatThrownBy(() -> Session.await(s.call("/math/add", forged.getBytes(StandardCharsets.UTF_8), Integer.class,
                SecureBody.secure(CallOptions.DEFAULT).withBodyCodec("json"))))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(409));
    }
}
