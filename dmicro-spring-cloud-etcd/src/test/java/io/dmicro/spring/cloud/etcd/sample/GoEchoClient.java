package io.dmicro.spring.cloud.etcd.sample;

import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import io.dmicro.spring.boot.autoconfigure.DrpcRoute;

/** A Java client of the Go DMicro service go-echo, found in etcd. */
@DrpcClient("go-echo")
public interface GoEchoClient {

    @DrpcRoute("/echo")
    Greeting echo(Greeting greeting);
}
