package io.dmicro.drpc.transport;

import io.dmicro.drpc.testing.TestCertificates;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.http.HttpProto;
import io.dmicro.drpc.proto.json.JsonProto;
import io.dmicro.drpc.proto.jsonrpc.JsonRpcProto;
import io.dmicro.drpc.proto.protobuf.ProtobufProto;
import io.dmicro.drpc.proto.raw.RawDialect;
import io.dmicro.drpc.proto.raw.RawProto;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import io.dmicro.drpc.transport.quic.QuicTransport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;

/** The contract, run for every transport and every proto it can carry. */
class ContractTests {

    /** A transport × proto pair given by URIs. */
    abstract static class Variant extends AbstractEndpointContractTest {
        private final String scheme;
        private final String protoName;
        private final Proto proto;
        private final String path;

        Variant(String scheme, String protoName, Proto proto, String path) {
            this.scheme = scheme;
            this.protoName = protoName;
            this.proto = proto;
            this.path = path;
        }

        @Override
        protected String listenUri() {
            return scheme + "://127.0.0.1:0" + path + "?proto=" + protoName + extraListen();
        }

        @Override
        protected String dialUri(SocketAddress bound) {
            return scheme + "://" + Addresses.format(bound) + path + "?proto=" + protoName + extraDial();
        }

        protected String extraListen() {
            return "";
        }

        protected String extraDial() {
            return "";
        }

        @Override
        protected Proto proto() {
            return proto;
        }

        @Override
        protected boolean peerToPeer() {
            return !(proto instanceof HttpProto);
        }

        @Override
        protected boolean answersOverLimitBeforeClosing() {
            return proto instanceof HttpProto;
        }
    }

    @Nested class TcpRaw extends Variant { TcpRaw() { super("tcp", "raw", new RawProto(), ""); } }
    @Nested class TcpErpc extends Variant { TcpErpc() { super("tcp", "erpc", new RawProto(RawDialect.ERPC), ""); } }
    @Nested class TcpJson extends Variant { TcpJson() { super("tcp", "json", new JsonProto(), ""); } }
    @Nested class TcpProtobuf extends Variant { TcpProtobuf() { super("tcp", "protobuf", new ProtobufProto(), ""); } }
    @Nested class TcpJsonRpc extends Variant { TcpJsonRpc() { super("tcp", "jsonrpc", new JsonRpcProto(), ""); } }
    @Nested class TcpHttp extends Variant { TcpHttp() { super("tcp", "http", new HttpProto(), ""); } }

    @Nested class WsRaw extends Variant { WsRaw() { super("ws", "raw", new RawProto(), "/drpc"); } }
    @Nested class WsJson extends Variant { WsJson() { super("ws", "json", new JsonProto(), "/drpc"); } }
    @Nested class WsJsonRpc extends Variant { WsJsonRpc() { super("ws", "jsonrpc", new JsonRpcProto(), "/drpc"); } }

    /** TLS needs PEM files; they are made once per run. */
    abstract static class TlsVariant extends Variant {
        TlsVariant(String scheme, String protoName, Proto proto, String path) {
            super(scheme, protoName, proto, path);
        }

        @Override
        protected String extraListen() {
            TestCertificates c = TestCertificates.get();
            return "&cert=" + c.serverCert() + "&key=" + c.serverKey();
        }

        @Override
        protected String extraDial() {
            return "&ca=" + TestCertificates.get().serverCert();
        }
    }

    @Nested class TlsRaw extends TlsVariant { TlsRaw() { super("tls", "raw", new RawProto(), ""); } }
    @Nested class TlsJsonRpc extends TlsVariant { TlsJsonRpc() { super("tls", "jsonrpc", new JsonRpcProto(), ""); } }
    @Nested class WssRaw extends TlsVariant { WssRaw() { super("wss", "raw", new RawProto(), "/drpc"); } }

    /**
     * QUIC: TLS always. With no certificate the listener makes a self-signed one and the client
     * accepts it, as the original does; the verified variant checks the server against a CA.
     * Skipped, with the reason, where the native QUIC library cannot load.
     */
    abstract static class QuicVariant extends Variant {
        QuicVariant(String protoName, Proto proto) {
            super("quic", protoName, proto, "");
        }

        @Override
        protected String listenUri() {
            Assumptions.assumeTrue(QuicTransport.isAvailable(), () -> "QUIC is not available here: " + QuicTransport.unavailabilityReason());
            return super.listenUri();
        }
    }

    @Nested class QuicRaw extends QuicVariant { QuicRaw() { super("raw", new RawProto()); } }
    @Nested class QuicJsonRpc extends QuicVariant { QuicJsonRpc() { super("jsonrpc", new JsonRpcProto()); } }

    @Nested class QuicRawVerified extends QuicVariant {
        QuicRawVerified() {
            super("raw", new RawProto());
        }

        @Override
        protected String extraListen() {
            TestCertificates c = TestCertificates.get();
            return "&cert=" + c.serverCert() + "&key=" + c.serverKey();
        }

        @Override
        protected String extraDial() {
            return "&ca=" + TestCertificates.get().serverCert();
        }
    }

    /** One shared port; the client's proto is recognised from its first bytes. */
    abstract static class SharedPortVariant extends Variant {
        SharedPortVariant(String protoName, Proto proto) {
            super("tcp", protoName, proto, "");
        }

        @Override
        protected String listenUri() {
            return "tcp://127.0.0.1:0?protos=all";
        }
    }

    @Nested class SharedRaw extends SharedPortVariant { SharedRaw() { super("raw", new RawProto()); } }
    @Nested class SharedErpc extends SharedPortVariant { SharedErpc() { super("erpc", new RawProto(RawDialect.ERPC)); } }
    @Nested class SharedJson extends SharedPortVariant { SharedJson() { super("json", new JsonProto()); } }
    @Nested class SharedProtobuf extends SharedPortVariant { SharedProtobuf() { super("protobuf", new ProtobufProto()); } }
    @Nested class SharedJsonRpc extends SharedPortVariant { SharedJsonRpc() { super("jsonrpc", new JsonRpcProto()); } }
    @Nested class SharedHttp extends SharedPortVariant { SharedHttp() { super("http", new HttpProto()); } }

    /** Unix domain sockets: the path is the address. */
    abstract static class UnixVariant extends AbstractEndpointContractTest {
        private final String protoName;
        private final Proto proto;

        UnixVariant(String protoName, Proto proto) {
            this.protoName = protoName;
            this.proto = proto;
        }

        @Override
        protected String listenUri() {
            try {
                Path dir = Files.createTempDirectory("drpc-unix");
                dir.toFile().deleteOnExit();
                return "unix://" + dir.resolve("s.sock") + "?proto=" + protoName;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        protected String dialUri(SocketAddress bound) {
            return "unix://" + bound + "?proto=" + protoName;
        }

        @Override
        protected Proto proto() {
            return proto;
        }
    }

    @Nested class UnixRaw extends UnixVariant { UnixRaw() { super("raw", new RawProto()); } }
    @Nested class UnixJsonRpc extends UnixVariant { UnixJsonRpc() { super("jsonrpc", new JsonRpcProto()); } }

    /** In-JVM local channels: a name, no port; {@code local://} binds a unique name, as port 0 does. */
    abstract static class LocalVariant extends AbstractEndpointContractTest {
        private final String protoName;
        private final Proto proto;
        private final String protos;

        LocalVariant(String protoName, Proto proto, String protos) {
            this.protoName = protoName;
            this.proto = proto;
            this.protos = protos;
        }

        @Override
        protected String listenUri() {
            return protos.isEmpty() ? "local://?proto=" + protoName : "local://?protos=" + protos;
        }

        @Override
        protected String dialUri(SocketAddress bound) {
            return "local://" + Addresses.format(bound) + "?proto=" + protoName;
        }

        @Override
        protected Proto proto() {
            return proto;
        }

        @Override
        protected boolean peerToPeer() {
            return !(proto instanceof HttpProto);
        }

        @Override
        protected boolean answersOverLimitBeforeClosing() {
            return proto instanceof HttpProto;
        }
    }

    @Nested class LocalRaw extends LocalVariant { LocalRaw() { super("raw", new RawProto(), ""); } }
    @Nested class LocalJsonRpc extends LocalVariant { LocalJsonRpc() { super("jsonrpc", new JsonRpcProto(), ""); } }
    @Nested class LocalSharedHttp extends LocalVariant { LocalSharedHttp() { super("http", new HttpProto(), "all"); } }

    static InetSocketAddress inet(SocketAddress a) {
        return (InetSocketAddress) a;
    }
}
