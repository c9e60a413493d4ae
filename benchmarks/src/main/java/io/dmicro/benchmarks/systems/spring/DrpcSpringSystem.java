package io.dmicro.benchmarks.systems.spring;

import io.dmicro.benchmarks.systems.BenchSystem;
import io.dmicro.benchmarks.systems.DrpcSystem;
import io.dmicro.benchmarks.systems.DrpcSystem.EchoBody;
import io.dmicro.benchmarks.systems.spring.client.EchoClient;
import io.dmicro.benchmarks.systems.spring.client.EchoClientApplication;
import io.dmicro.benchmarks.systems.spring.server.EchoServerApplication;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.plugin.event.SessionEventsPlugin;
import io.dmicro.drpc.session.Session;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * drpc the way a Spring Boot user runs it: the server is a Spring Boot application with a
 * {@code @DrpcService} bean (the {@link EchoBody} record through the default JSON codec, the handler
 * on the endpoint's default pool, as {@code drpc-json}), the client a Spring Boot application in the
 * harness JVM calling it through a {@code @DrpcClient} proxy whose method returns a
 * {@code CompletableFuture}. The peer is listed in Spring Cloud's simple discovery. Each
 * {@link #connect} starts a fresh client application, so every measurement has a fresh session.
 */
public final class DrpcSpringSystem implements BenchSystem {

  /** The system whose figures this one is divided by, round by round: the same work over core sessions. */
  public static final String PARTNER = "drpc-json";

  private final String name;
  /** A/B: session events published as they were (a ResolvableType built per event), on both sides. */
  private final boolean uncachedEvents;
  /** Diagnostic variants: settings on both sides that differ from the defaults, and why (null: none). */
  private final Map<String, Object> settings;
  private final String settingsText;

  public DrpcSpringSystem() {
    this("drpc-spring", false, Map.of(), null);
  }

  private DrpcSpringSystem(String name, boolean uncachedEvents, Map<String, Object> settings, String settingsText) {
    this.name = name;
    this.uncachedEvents = uncachedEvents;
    this.settings = settings;
    this.settingsText = settingsText;
  }

  /** The A side of the session-event pair: {@code drpc-spring} with its events published as they were. */
  public static DrpcSpringSystem uncachedEvents(String name) {
    return new DrpcSpringSystem(name, true, Map.of(), null);
  }

  /**
   * {@code drpc-spring} with {@code settings} on both sides, to measure what a default costs (register
   * it in {@code BenchmarkMain.registry()}, e.g. with {@code dmicro.endpoint.send-deadlines=false}).
   */
  public static DrpcSpringSystem with(String name, Map<String, Object> settings) {
    return new DrpcSpringSystem(name, false, settings, settings.toString());
  }

  static {
    // the harness logs through slf4j-nop; Spring Boot's own logging system would configure nothing but noise
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String family() {
    return "drpc";
  }

  @Override
  public String codec() {
    return "json";
  }

  @Override
  public String description() {
    return "dmicro-spring-boot-starter on both sides, no web server: a @DrpcService bean echoing the record body"
        + " (long, String, byte[]) through the default JSON codec on the default handler pool (platform threads),"
        + " called through a @DrpcClient proxy returning CompletableFuture, the server listed in Spring Cloud's simple"
        + " discovery; as drpc-json, but through Spring. One session per peer, as @DrpcClient holds it: 1-connection"
        + " rows only. Push fan-out and idle sessions: not applicable (a @DrpcClient interface only calls; idle"
        + " sessions would be one Spring application each)" + (uncachedEvents ? "; A/B: session events published as"
        + " they were (DmicroSessionEvent's ResolvableType built for every event)" : "")
        + (settingsText != null ? "; diagnostic: " + settingsText + " on both sides" : "");
  }

  @Override
  public Server startServer(String host, int port, int ioThreads) {
    Map<String, Object> p = common(ioThreads);
    p.put("dmicro.endpoint.listen", "tcp://" + host + ":" + port);
    ConfigurableApplicationContext context = start(EchoServerApplication.class, p);
    Endpoint endpoint = context.getBean(Endpoint.class);
    int bound = ((InetSocketAddress) endpoint.listenAddresses().get(0)).getPort();
    return new Server() {
      @Override
      public int port() {
        return bound;
      }

      @Override
      public int sessionCount() {
        return endpoint.sessionCount();
      }

      @Override
      public void close() {
        context.close();
      }
    };
  }

  /**
   * One client application per server address, started on the first connect and kept until the
   * system closes, as a user's application lives; each connect closes its sessions so that the
   * proxy dials a fresh one, as every system gets a fresh connection per measurement. Started
   * anew per measurement, the application's start-up left a backlog of C2 compilations that kept
   * the call path in C1 code into the measured phase (2-3 s of compilation in a 12 s phase).
   */
  private final Map<String, ConfigurableApplicationContext> clientApps = new ConcurrentHashMap<>();

  @Override
  public Client connect(String host, int port, int connections, int ioThreads) throws Exception {
    if (!supportsConnections(connections)) {
      throw new IllegalArgumentException("a @DrpcClient holds one session per peer, not " + connections);
    }
    ConfigurableApplicationContext context = clientApps.computeIfAbsent(host + ":" + port + "/" + ioThreads, k -> {
      Map<String, Object> p = common(ioThreads);
      p.put("dmicro.endpoint.listen", "");
      p.put("spring.cloud.discovery.client.simple.instances." + EchoClient.SERVICE_ID + "[0].uri",
          "tcp://" + host + ":" + port);
      return start(EchoClientApplication.class, p);
    });
    Endpoint endpoint = context.getBean(Endpoint.class);
    for (Session s : List.copyOf(endpoint.sessions())) {
      s.close();
      s.closeFuture().get(30, TimeUnit.SECONDS);
    }
    EchoClient client = context.getBean(EchoClient.class);
    // the proxy dials on its first call: make it now, so the session is open when connect returns
    client.echo(new EchoBody(0, "connect", new byte[0])).get(30, TimeUnit.SECONDS);
    return new SpringClient(client);
  }

  @Override
  public void close() {
    clientApps.values().forEach(ConfigurableApplicationContext::close);
    clientApps.clear();
  }

  @Override
  public boolean supportsConnections(int connections) {
    return connections == 1;
  }

  @Override
  public boolean supportsIdle() {
    return false;
  }

  @Override
  public String partner() {
    return PARTNER;
  }

  /** What both applications set: the endpoint as {@code drpc-json} builds it, and a quiet, web-less Boot. */
  private Map<String, Object> common(int ioThreads) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("spring.main.banner-mode", "off");
    p.put("spring.main.log-startup-info", "false");
    p.put("dmicro.endpoint.io-threads", ioThreads);
    p.put("dmicro.endpoint.max-message-size", "16MB");
    p.putAll(settings);
    return p;
  }

  private ConfigurableApplicationContext start(Class<?> application, Map<String, Object> properties) {
    SpringApplicationBuilder b = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
        .registerShutdownHook(false).properties(properties);
    if (uncachedEvents) {
      // a SessionEventsPlugin bean of our own: the auto-configured one backs off
      b.initializers((GenericApplicationContext c) -> c.registerBean("dmicroSessionEventsPlugin", SessionEventsPlugin.class,
          () -> new SessionEventsPlugin(event -> c.publishEvent(new UncachedSessionEvent(event)))));
    }
    return b.run();
  }

  private static final class SpringClient implements Client {
    private final EchoClient client;

    SpringClient(EchoClient client) {
      this.client = client;
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] payload) {
      return client.echo(new EchoBody(42L, DrpcSystem.BODY_NAME, payload)).thenApply(EchoBody::data);
    }

    @Override
    public void close() {
      // the application stays for the next measurement (its session is closed by the next connect)
    }
  }
}
