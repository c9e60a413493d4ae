package io.dmicro.spring.boot.autoconfigure;

import io.dmicro.spring.boot.autoconfigure.sample.Args;
import org.springframework.context.annotation.Configuration;

/** A @DrpcClient with a direct tls:// url to localhost, so the host name check passes. */
@Configuration(proxyBeanMethods = false)
@EnableDrpcClients(clients = TlsClients.TlsMathClient.class)
class TlsClients {

    @DrpcClient(url = "tls://localhost:${tls.port:1}", service = "math")
    public interface TlsMathClient {
        int add(Args args);
    }
}
