package io.dmicro.spring.cloud.etcd.sample;

import io.dmicro.spring.boot.autoconfigure.DrpcClient;

/** A Java client of the Java service java-math, found in etcd. */
@DrpcClient("java-math")
public interface MathClient {

    int add(Args args);
}
