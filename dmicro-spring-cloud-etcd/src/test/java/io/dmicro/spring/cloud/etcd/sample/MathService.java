package io.dmicro.spring.cloud.etcd.sample;

import io.dmicro.spring.boot.autoconfigure.DrpcService;
import java.util.concurrent.atomic.AtomicInteger;

/** The Java service registered in etcd: /math/add. */
@DrpcService
public class MathService {

    public final AtomicInteger calls = new AtomicInteger();

    public int add(Args args) {
        calls.incrementAndGet();
        return args.a() + args.b();
    }
}
