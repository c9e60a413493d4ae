package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.DrpcDefaults;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.codec.PlainCodec;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.raw.RawDialect;
import io.dmicro.drpc.proto.raw.RawProto;
import io.dmicro.drpc.router.RouteInfo;
import io.dmicro.drpc.router.RouteKind;
import io.dmicro.drpc.router.ServiceMethodMapper;
import io.dmicro.spring.boot.autoconfigure.internal.DmicroConfigurationFailureAnalyzer;
import io.dmicro.spring.boot.autoconfigure.internal.EndpointLifecycle;
import io.dmicro.spring.boot.autoconfigure.internal.TlsFiles;
import io.dmicro.drpc.testing.TestCertificates;
import io.dmicro.drpc.testing.WebSocketUpgrades;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class DmicroAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class))
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0");

    @Test
    void createsStartedEndpointWithEngineDefaults() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Endpoint.class).hasSingleBean(EndpointLifecycle.class);
            EndpointConfig config = context.getBean(EndpointConfig.class);
            assertThat(config.defaultBodyCodec()).isEqualTo(DrpcDefaults.BODY_CODEC);
            assertThat(config.callTimeout()).isEqualTo(DrpcDefaults.CALL_TIMEOUT);
            assertThat(config.maxMessageSize()).isEqualTo(DrpcDefaults.MAX_MESSAGE_SIZE);
            assertThat(config.proto()).isInstanceOf(RawProto.class);
            Endpoint endpoint = context.getBean(Endpoint.class);
            assertThat(endpoint.listenAddresses()).hasSize(1);
            assertThat(context.getBean(EndpointLifecycle.class).isRunning()).isTrue();
        });
    }

    @Test
    void propertyDefaultsAreTheEngineDefaults() {
        DmicroProperties.Endpoint p = new DmicroProperties().getEndpoint();
        assertThat(p.getListen()).containsExactly(DrpcDefaults.LISTEN);
        assertThat(p.getDefaultBodyCodec()).isEqualTo(DrpcDefaults.BODY_CODEC);
        assertThat(p.getSessionAge()).isEqualTo(DrpcDefaults.SESSION_AGE);
        assertThat(p.getCallTimeout()).isEqualTo(DrpcDefaults.CALL_TIMEOUT);
        assertThat(p.getSlowCallThreshold()).isEqualTo(DrpcDefaults.SLOW_CALL_THRESHOLD);
        assertThat(p.getRedialTimes()).isEqualTo(DrpcDefaults.REDIAL_TIMES);
        assertThat(p.getRedialInterval()).isEqualTo(DrpcDefaults.REDIAL_INTERVAL);
        assertThat(p.getDialTimeout()).isEqualTo(DrpcDefaults.DIAL_TIMEOUT);
        assertThat(p.getMaxMessageSize().toBytes()).isEqualTo(DrpcDefaults.MAX_MESSAGE_SIZE);
        assertThat(p.getMaxPendingWriteBytes().toBytes()).isEqualTo(DrpcDefaults.MAX_PENDING_WRITE_BYTES);
        assertThat(p.getDrainTimeout()).isEqualTo(DrpcDefaults.CLOSE_DRAIN_TIMEOUT);
    }

    @Test
    void closesEndpointWhenContextCloses() {
        Endpoint[] seen = new Endpoint[1];
        runner.run(context -> seen[0] = context.getBean(Endpoint.class));
        assertThat(seen[0].isClosed()).isTrue();
        assertThat(seen[0].listenAddresses()).isEmpty();
    }

    @Test
    void bindsEveryEndpointProperty() {
        runner.withPropertyValues("dmicro.endpoint.default-body-codec=plain", "dmicro.endpoint.raw-dialect=erpc",
                "dmicro.endpoint.mapper=rpc", "dmicro.endpoint.session-age=1h", "dmicro.endpoint.call-timeout=3s",
                "dmicro.endpoint.slow-call-threshold=250ms", "dmicro.endpoint.print-detail=true", "dmicro.endpoint.redial-times=4",
                "dmicro.endpoint.redial-interval=2s", "dmicro.endpoint.dial-timeout=7s", "dmicro.endpoint.max-message-size=1024",
                "dmicro.endpoint.max-pending-write-bytes=2048", "dmicro.endpoint.io-threads=2",
                "dmicro.endpoint.max-batch-size=64").run(context -> {
                    EndpointConfig c = context.getBean(EndpointConfig.class);
                    assertThat(c.defaultBodyCodec()).isEqualTo("plain");
                    assertThat(((RawProto) c.proto()).dialect()).isEqualTo(RawDialect.ERPC);
                    assertThat(c.mapper()).isSameAs(ServiceMethodMapper.RPC);
                    assertThat(c.sessionAge()).isEqualTo(Duration.ofHours(1));
                    assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(c.slowCallThreshold()).isEqualTo(Duration.ofMillis(250));
                    assertThat(c.printDetail()).isTrue();
                    assertThat(c.redialTimes()).isEqualTo(4);
                    assertThat(c.redialInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(c.dialTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(c.maxMessageSize()).isEqualTo(1024);
                    assertThat(c.maxPendingWriteBytes()).isEqualTo(2048);
                    assertThat(c.ioThreads()).isEqualTo(2);
                    assertThat(c.maxBatchSize()).isEqualTo(64);
                });
    }

    @Test
    void tcpRunsOnTheNativeTransportUnlessSwitchedOff() {
        runner.run(context -> assertThat(context.getBean(EndpointConfig.class).socketOptions().nativeTransport()).isTrue());
        runner.withPropertyValues("dmicro.endpoint.native-transport=false").run(context -> {
            io.dmicro.drpc.transport.SocketOptions o = context.getBean(EndpointConfig.class).socketOptions();
            assertThat(o.nativeTransport()).isFalse();
            assertThat(o.reusePort()).isFalse();
        });
    }

    @Test
    void listensOnEveryListedUri() {
        runner.withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0,tcp4://127.0.0.1:0").run(context ->
                assertThat(context.getBean(Endpoint.class).listenAddresses()).hasSize(2));
    }

    @Test
    void listenUrisMayCarryOptionsAndOtherTransports() {
        runner.withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0?protos=all,ws://127.0.0.1:0/drpc?proto=jsonrpc").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Endpoint.class).listenAddresses()).hasSize(2);
        });
    }

    @Test
    void commasInsideListenOptionsDoNotSplitTheUri() {
        runner.withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0?protos=raw,http,jsonrpc,tcp://127.0.0.1:0").run(context -> {
            assertThat(context.getBean(DmicroProperties.class).getEndpoint().getListen())
                    .containsExactly("tcp://127.0.0.1:0?protos=raw,http,jsonrpc", "tcp://127.0.0.1:0");
            assertThat(context.getBean(Endpoint.class).listenAddresses()).hasSize(2);
        });
    }

    @Test
    void browserOriginsInsideListenOptionsStayInTheUri() {
        // the demo's own kind of value: Spring cuts it at the commas between the origins too, and an
        // origin has a scheme of its own, so before the origins were kept the second one became a
        // listen URI of its own ("unsupported network scheme: http") and the application did not start
        String uri = "tcp://127.0.0.1:0?protos=all&wsOrigins=http://localhost:8080,https://app.example";
        runner.withPropertyValues("dmicro.endpoint.listen=" + uri + ",tcp4://127.0.0.1:0").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DmicroProperties.class).getEndpoint().getListen()).containsExactly(uri, "tcp4://127.0.0.1:0");
            List<java.net.SocketAddress> bound = context.getBean(Endpoint.class).listenAddresses();
            assertThat(bound).hasSize(2);
            // both origins reached the listener: a page of either may open a WebSocket, another may not
            String ws = "ws://127.0.0.1:" + ((InetSocketAddress) bound.get(0)).getPort() + "/drpc?proto=jsonrpc";
            assertThat(WebSocketUpgrades.from(ws, "https://app.example")).isEqualTo("open");
            assertThat(WebSocketUpgrades.from(ws, "http://localhost:8080")).isEqualTo("open");
            assertThat(WebSocketUpgrades.from(ws, "https://evil.example")).isEqualTo("refused with 403");
        });
    }

    @Test
    void emptyListenListListensNowhere() {
        runner.withPropertyValues("dmicro.endpoint.listen=").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Endpoint.class).listenAddresses()).isEmpty();
        });
    }

    @Test
    void drainTimeoutIsBoundedByTheShutdownPhase() {
        runner.withPropertyValues("dmicro.endpoint.drain-timeout=1m", "spring.lifecycle.timeout-per-shutdown-phase=10s").run(context ->
                assertThat(context.getBean(EndpointLifecycle.class).drainTimeout()).isEqualTo(Duration.ofSeconds(9)));
        runner.withPropertyValues("dmicro.endpoint.drain-timeout=2s").run(context ->
                assertThat(context.getBean(EndpointLifecycle.class).drainTimeout()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("dmicro.enabled=false").run(context -> assertThat(context).doesNotHaveBean(Endpoint.class));
    }

    @Test
    void backsOffWhenUserDefinesEndpoint() {
        runner.withBean("myEndpoint", Endpoint.class, Endpoint::create, bd -> bd.setDestroyMethodName("close")).run(context -> {
            assertThat(context).hasSingleBean(Endpoint.class);
            assertThat(context).getBean("myEndpoint").isSameAs(context.getBean(Endpoint.class));
        });
    }

    @Test
    void backsOffWhenUserDefinesEndpointConfig() {
        runner.withBean(EndpointConfig.class, () -> EndpointConfig.builder().defaultBodyCodec("plain").build()).run(context ->
                assertThat(context.getBean(Endpoint.class).config().defaultBodyCodec()).isEqualTo("plain"));
    }

    @Test
    void registersPluginCodecAndProtoBeansInOrderThenCustomizers() {
        runner.withUserConfiguration(Extensions.class).withPropertyValues("dmicro.endpoint.proto=test-proto").run(context -> {
            Endpoint endpoint = context.getBean(Endpoint.class);
            assertThat(endpoint.plugins().all().stream().map(Plugin::name)).containsSubsequence("first", "second");
            assertThat(endpoint.config().codecs().get("shout")).isNotNull();
            assertThat(endpoint.config().proto().name()).isEqualTo("test-proto");
            assertThat(endpoint.config().callTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void routesDrpcServiceAndPushServiceBeans() {
        runner.withUserConfiguration(Services.class).run(context -> {
            List<RouteInfo> routes = List.copyOf(context.getBean(Endpoint.class).router().routes());
            assertThat(routes).extracting(RouteInfo::name).contains("/math/add", "/calc/add", "/events/tick");
            assertThat(routes).filteredOn(r -> r.name().equals("/events/tick")).extracting(RouteInfo::kind).containsExactly(RouteKind.PUSH);
        });
    }

    @Test
    void failsOnUnknownCodecNamingKeyAndValue() {
        assertFailure(runner.withPropertyValues("dmicro.endpoint.default-body-codec=yaml"), "dmicro.endpoint.default-body-codec", "yaml");
    }

    @Test
    void failsOnMalformedListenUri() {
        assertFailure(runner.withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1"), "dmicro.endpoint.listen[0]", "tcp://127.0.0.1");
        assertFailure(runner.withPropertyValues("dmicro.endpoint.listen=localhost:9090"), "dmicro.endpoint.listen[0]", "localhost:9090");
        assertFailure(runner.withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:70000"), "dmicro.endpoint.listen[0]", "70000");
    }

    @Test
    void failsOnUnsupportedListenScheme() {
        assertFailure(runner.withPropertyValues("dmicro.endpoint.listen=carrier-pigeon://127.0.0.1:0"), "dmicro.endpoint.listen[0]",
                "carrier-pigeon://127.0.0.1:0");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "native transport {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void failsWhenPortInUse(boolean nativeTransport) throws Exception {
        // epoll (the default) reports the taken port in an exception of its own, not a BindException:
        // it once got the generic "cannot listen" advice instead of this one
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String uri = "tcp://127.0.0.1:" + ((InetSocketAddress) taken.getLocalSocketAddress()).getPort();
            FailureAnalysis analysis = assertFailure(runner.withPropertyValues("dmicro.endpoint.listen=" + uri,
                    "dmicro.endpoint.native-transport=" + nativeTransport), "dmicro.endpoint.listen[0]", uri);
            assertThat(analysis.getDescription()).contains("Reason: the address is already in use");
            assertThat(analysis.getAction()).startsWith("Stop the process listening there, or listen on another port");
        }
    }

    @Test
    void failsOnBadValuesOfOtherSettings() {
        assertFailure(runner.withPropertyValues("dmicro.endpoint.proto=carrier"), "dmicro.endpoint.proto", "carrier");
        assertFailure(runner.withPropertyValues("dmicro.endpoint.max-message-size=0"), "dmicro.endpoint.max-message-size", "0");
        assertFailure(runner.withPropertyValues("dmicro.endpoint.call-timeout=-1s"), "dmicro.endpoint.call-timeout", "PT-1S");
    }

    @Test
    void sizesTakeDataSizeUnitsAndBareNumbersAreBytes() {
        runner.withPropertyValues("dmicro.endpoint.max-message-size=4MB", "dmicro.endpoint.max-pending-write-bytes=512KB").run(context -> {
            EndpointConfig c = context.getBean(EndpointConfig.class);
            assertThat(c.maxMessageSize()).isEqualTo(4 * 1024 * 1024);
            assertThat(c.maxPendingWriteBytes()).isEqualTo(512 * 1024);
        });
        assertFailure(runner.withPropertyValues("dmicro.endpoint.max-message-size=3GB"), "dmicro.endpoint.max-message-size", "3221225472B");
    }

    @Test
    void choicesAreEnumsAndAnUnknownChoiceFailsBindingNamingKeyAndValue() {
        runner.withPropertyValues("dmicro.endpoint.raw-dialect=ERPC", "dmicro.endpoint.mapper=Rpc").run(context -> {
            assertThat(((RawProto) context.getBean(EndpointConfig.class).proto()).dialect()).isEqualTo(RawDialect.ERPC);
            assertThat(context.getBean(EndpointConfig.class).mapper()).isSameAs(ServiceMethodMapper.RPC);
        });
        assertBindFailure(runner.withPropertyValues("dmicro.endpoint.raw-dialect=grpc"), "dmicro.endpoint.raw-dialect", "grpc");
        assertBindFailure(runner.withPropertyValues("dmicro.endpoint.mapper=soap"), "dmicro.endpoint.mapper", "soap");
        assertBindFailure(runner.withPropertyValues("dmicro.endpoint.tls.client-auth=maybe"), "dmicro.endpoint.tls.client-auth", "maybe");
    }

    @Test
    void everyBuiltInProtoTheReadmeListsIsAcceptedByName() {
        List<String> names = new java.util.ArrayList<>(List.of("raw", "erpc", "json", "jsonrpc", "http"));
        if (io.dmicro.drpc.proto.protobuf.ProtobufProto.isAvailable()) {
            names.add("protobuf"); // only with protobuf-java on the classpath, which this module's tests lack
        }
        for (String name : names) {
            runner.withPropertyValues("dmicro.endpoint.proto=" + name).run(context -> {
                assertThat(context).as(name).hasNotFailed();
                assertThat(context.getBean(EndpointConfig.class).proto().name()).as(name).isIn(name, "raw");
            });
        }
    }

    @Test
    void anEndpointWithTheJsonrpcProtoAnswersAJsonrpcPeer() {
        runner.withPropertyValues("dmicro.endpoint.proto=jsonrpc").withUserConfiguration(Services.class).run(context -> {
            Endpoint server = context.getBean(Endpoint.class);
            int port = ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
            try (Endpoint peer = Endpoint.create()) {
                int sum = peer.dial("tcp://127.0.0.1:" + port + "?proto=jsonrpc").<Integer>call("/math/add",
                        new io.dmicro.spring.boot.autoconfigure.sample.Args(2, 3), Integer.class).get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(sum).isEqualTo(5);
            }
        });
    }

    private static void assertBindFailure(ApplicationContextRunner runner, String key, String value) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            org.springframework.boot.context.properties.bind.BindException bind = null;
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                if (t instanceof org.springframework.boot.context.properties.bind.BindException b) {
                    bind = b;
                }
            }
            assertThat(bind).as("bind failure of %s", context.getStartupFailure()).isNotNull();
            assertThat(bind.getProperty().getName().toString()).isEqualTo(key);
            assertThat(String.valueOf(bind.getProperty().getValue())).isEqualTo(value);
        });
    }

    @Test
    void failsWhenTlsIsEnabledWithoutACertificateOrKey() {
        assertFailure(runner.withPropertyValues("dmicro.endpoint.tls.enabled=true"), "dmicro.endpoint.tls.certificate", "null");
        assertFailure(runner.withPropertyValues("dmicro.endpoint.tls.enabled=true", "dmicro.endpoint.tls.certificate=" + certs().serverCert()),
                "dmicro.endpoint.tls.private-key", "null");
    }

    @Test
    void failsOnAnUnreadableTlsFileNamingItsKey() {
        assertFailure(runner.withPropertyValues("dmicro.endpoint.tls.enabled=true", "dmicro.endpoint.tls.certificate=/no/such/cert.pem",
                "dmicro.endpoint.tls.private-key=" + certs().serverKey()), "dmicro.endpoint.tls.certificate", "/no/such/cert.pem");
        assertFailure(runner.withPropertyValues("dmicro.endpoint.tls.trust-certificate=classpath:no-such-ca.pem"),
                "dmicro.endpoint.tls.trust-certificate", "classpath:no-such-ca.pem");
    }

    @Test
    void tlsListenersAreBoundFromTheTlsProperties() {
        runner.withPropertyValues("dmicro.endpoint.tls.enabled=true", "dmicro.endpoint.tls.certificate=file:" + certs().serverCert(),
                "dmicro.endpoint.tls.private-key=" + certs().serverKey(), "dmicro.endpoint.tls.client-auth=optional").run(context -> {
                    assertThat(context).hasNotFailed();
                    TlsFiles tls = context.getBean(TlsFiles.class);
                    assertThat(tls.certificate()).isEqualTo(new java.io.File(certs().serverCert()).getAbsolutePath());
                    assertThat(tls.clientAuth()).isEqualTo("optional");
                    assertThat(context.getBean(Endpoint.class).listenAddresses()).hasSize(1);
                });
    }

    private static TestCertificates certs() {
        return TestCertificates.get();
    }

    private static FailureAnalysis assertFailure(ApplicationContextRunner runner, String key, String value) {
        FailureAnalysis[] out = new FailureAnalysis[1];
        runner.run((AssertableApplicationContext context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new DmicroConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains(key).contains(value);
            assertThat(analysis.getAction()).isNotBlank();
            out[0] = analysis;
        });
        return out[0];
    }

    @Configuration(proxyBeanMethods = false)
    static class Extensions {

        @Bean
        @Order(2)
        Plugin second() {
            return new Plugin() {
                @Override
                public String name() {
                    return "second";
                }
            };
        }

        @Bean
        @Order(1)
        Plugin first() {
            return new Plugin() {
                @Override
                public String name() {
                    return "first";
                }
            };
        }

        @Bean
        Codec shout() {
            return new ShoutCodec();
        }

        @Bean
        Proto testProto() {
            return new Proto() {
                @Override
                public String name() {
                    return "test-proto";
                }

                @Override
                public ProtoCodec newCodec(ProtoConfig config) {
                    return new RawProto().newCodec(config);
                }
            };
        }

        @Bean
        EndpointCustomizer timeout() {
            return b -> b.callTimeout(Duration.ofSeconds(2));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Services {

        @Bean
        MathService mathService() {
            return new MathService();
        }

        @Bean
        Calc calc() {
            return new Calc();
        }

        @Bean
        Events events() {
            return new Events();
        }
    }

    /** A second plain-text codec under another id and name. */
    static final class ShoutCodec implements Codec {
        private final PlainCodec plain = new PlainCodec();

        @Override
        public byte id() {
            return 'S';
        }

        @Override
        public String name() {
            return "shout";
        }

        @Override
        public String contentType() {
            return plain.contentType();
        }

        @Override
        public byte[] encode(Object value) {
            return plain.encode(value);
        }

        @Override
        public Object decode(byte[] data, java.lang.reflect.Type type) {
            return plain.decode(data, type);
        }
    }

    /** Routed under an explicit prefix. */
    @DrpcService("calc")
    public static class Calc {
        public int add(io.dmicro.spring.boot.autoconfigure.sample.Args args) {
            return args.a() + args.b();
        }
    }

    /** Handles pushes. */
    @DrpcPushService
    public static class Events {
        public void tick(String text) {
        }
    }
}
