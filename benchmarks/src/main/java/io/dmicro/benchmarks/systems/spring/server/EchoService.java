package io.dmicro.benchmarks.systems.spring.server;

import io.dmicro.benchmarks.systems.DrpcSystem.EchoBody;
import io.dmicro.spring.boot.autoconfigure.DrpcService;

/** The echo handler as a user writes it: a {@code @DrpcService} bean, not {@code @NonBlocking}, routed {@code /bench/echo}. */
@DrpcService("bench")
public class EchoService {

  public EchoBody echo(EchoBody body) {
    return body;
  }
}
