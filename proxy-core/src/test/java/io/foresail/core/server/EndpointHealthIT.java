package io.foresail.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.proxy.ExchangeObserver;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.GatewayYaml;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.StubUpstream;
import io.foresail.core.testing.YamlSnapshots;
import io.foresail.core.upstream.EndpointHealth;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Endpoint health as the proxy learns it from its own connection attempts, over real sockets. */
class EndpointHealthIT {

    private static final int PORT = 8080;

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path folder;

    private ProxyServer start(int endpointPort) {
        SnapshotHolder holder = YamlSnapshots.load(folder, Optional.empty(), GatewayYaml.plainHttp("edge", PORT, endpointPort));
        return closer.register(ProxyServer.start(holder, ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build(),
                ExchangeObserver.NONE));
    }

    private static int get(ProxyServer proxy) throws Exception {
        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(PORT))) {
            return client.exchange("GET / HTTP/1.1\r\nHost: a.example.com\r\n\r\n").status();
        }
    }

    /** The health of {@code port} once it saw {@code attempts} attempts (they are counted on the event loop). */
    private static EndpointHealth awaitAttempts(ProxyServer proxy, int port, int attempts) {
        EndpointHealth health = proxy.endpointHealth().of("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (health.connectAttempts() < attempts && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return health;
    }

    @Test
    void refusedConnectMarksTheEndpointFailedWithTheReason() throws Exception {
        try (Socket boundNotListening = new Socket()) {
            boundNotListening.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = boundNotListening.getLocalPort();
            ProxyServer proxy = start(port);

            assertThat(get(proxy)).as("status of a request to a refusing endpoint").isEqualTo(503);

            EndpointHealth health = awaitAttempts(proxy, port, 3);
            assertThat(health.healthy()).as("healthy").isFalse();
            assertThat(health.connectFailures()).as("connect failures: the try and Istio's 2 default retries").isEqualTo(3);
            assertThat(health.lastFailure()).as("last failure").hasValueSatisfying(
                    failure -> assertThat(failure.reason()).containsIgnoringCase("refused"));
        }
    }

    @Test
    void servedEndpointIsHealthy() throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("web"));
        ProxyServer proxy = start(upstream.port());

        assertThat(get(proxy)).isEqualTo(200);

        EndpointHealth health = awaitAttempts(proxy, upstream.port(), 1);
        assertThat(health.healthy()).as("healthy").isTrue();
        assertThat(health.connectFailures()).as("connect failures").isZero();
        assertThat(health.lastFailure()).isEmpty();
    }
}
