package io.dmicro.spring.cloud.etcd;

import io.dmicro.drpc.testing.ExternalTools;
import io.dmicro.drpc.testing.PeerProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real etcd (Debian's etcd-server, {@code /usr/bin/etcd}) for one test class: loopback only, free
 * ports, its data in a temporary directory; ready once it says it serves clients. Skipped with a
 * reason where etcd is missing (a failure where tools are required, as in CI).
 */
final class EtcdProcess implements AutoCloseable {

    private final PeerProcess process;
    private final String clientAddress;

    private EtcdProcess(PeerProcess process, String clientAddress) {
        this.process = process;
        this.clientAddress = clientAddress;
    }

    static EtcdProcess start(Path dataDir) {
        File etcd = ExternalTools.require("etcd", "this test registers and discovers services in a real etcd (apt-get install etcd-server)");
        int client = freePort();
        int peer = freePort();
        String clientUrl = "http://127.0.0.1:" + client;
        String peerUrl = "http://127.0.0.1:" + peer;
        PeerProcess process = PeerProcess.start("etcd", List.of(etcd.getPath(), "--name", "test", "--data-dir", dataDir.toString(),
                "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", "test=" + peerUrl), dataDir.getParent());
        try {
            process.awaitLine("ready to serve client requests", Duration.ofSeconds(30));
        } catch (AssertionError e) {
            process.close();
            throw e;
        }
        return new EtcdProcess(process, "127.0.0.1:" + client);
    }

    /** {@code host:port}, as Go DMicro's registry takes it. */
    String address() {
        return clientAddress;
    }

    String url() {
        return "http://" + clientAddress;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
