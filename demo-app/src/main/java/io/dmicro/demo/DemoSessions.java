package io.dmicro.demo;

import io.dmicro.drpc.Endpoint;
import io.dmicro.spring.boot.autoconfigure.DrpcService;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/** {@code /demo/sessions}: who is connected, for the demo page. */
@DrpcService("demo")
public class DemoSessions {

    /** One connected session: its id and its peer's address. */
    public record SessionView(String id, String remote) {
    }

    /** A provider: this service is routed while the endpoint is being built. */
    private final ObjectProvider<Endpoint> endpoint;

    public DemoSessions(ObjectProvider<Endpoint> endpoint) {
        this.endpoint = endpoint;
    }

    public List<SessionView> sessions() {
        return endpoint.getObject().sessions().stream().map(s -> new SessionView(s.id(), String.valueOf(s.remoteAddress()))).sorted(
                java.util.Comparator.comparing(SessionView::id)).toList();
    }
}
