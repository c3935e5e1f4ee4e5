package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.KeepAliveUpstream;
import io.foresail.core.testing.RawHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream pools over a reload, with real sockets: a cluster the new config drops has its idle
 * pooled connection closed, a cluster it keeps has its pooled connection reused.
 */
class ReloadUpstreamsIT {

    private static final int PORT = 8080;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    /** A Gateway on {@link #PORT}; {@code /a} goes to {@code a.internal} at {@code portA}, and {@code /b}, when given, to {@code b.internal}. */
    private static String config(int portA, Integer portB) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: %d, name: http, protocol: HTTP}
                    hosts: ["*"]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: edge}
                spec:
                  hosts: ["*"]
                  gateways: [edge]
                  http:
                  - match: [{uri: {prefix: /a}}]
                    route: [{destination: {host: a.internal}}]
                """.formatted(PORT));
        if (portB != null) {
            yaml.append("""
                      - match: [{uri: {prefix: /b}}]
                        route: [{destination: {host: b.internal}}]
                    """);
        }
        yaml.append(serviceEntry("a", portA));
        if (portB != null) {
            yaml.append(serviceEntry("b", portB));
        }
        return yaml.toString();
    }

    private static String serviceEntry(String name, int endpointPort) {
        return """
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: %1$s}
                spec:
                  hosts: [%1$s.internal]
                  resolution: STATIC
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  endpoints: [{address: 127.0.0.1, ports: {http: %2$d}}]
                """.formatted(name, endpointPort);
    }

    private RunningProxy start(Path config) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.start(List.of("--config", config.toString(), "--config-check-interval", "10ms"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        assertThat(started.proxy()).as("proxy starts; stderr: %s", err.toString(StandardCharsets.UTF_8)).isNotNull();
        return closer.register(started.proxy());
    }

    private static void replaceAtomically(Path file, String text) throws IOException {
        Path next = Files.writeString(file.resolveSibling(".next.tmp"), text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited too long for: %s", what).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private static String get(RawHttpClient client, String path) throws IOException {
        RawHttpClient.Response response = client.exchange("GET " + path + " HTTP/1.1\r\nHost: edge.example.com\r\n\r\n");
        assertThat(response.status()).as("GET %s: %s", path, response.bodyText()).isEqualTo(200);
        return response.bodyText();
    }

    @Test
    void removedClusterHasItsIdlePooledConnectionClosedWhileAKeptClusterReusesItsOwn() throws Exception {
        KeepAliveUpstream a = closer.register(KeepAliveUpstream.start("a"));
        KeepAliveUpstream b = closer.register(KeepAliveUpstream.start("b"));
        Path config = Files.writeString(dir.resolve("edge.yaml"), config(a.port(), b.port()));
        RunningProxy proxy = start(config);
        // One client connection: one event loop, so both upstream connections sit in one pool.
        RawHttpClient client = closer.register(new RawHttpClient(proxy.proxyPort(PORT)));
        assertThat(get(client, "/a")).isEqualTo("a 0");
        assertThat(get(client, "/b")).isEqualTo("b 0");

        replaceAtomically(config, config(a.port(), null));
        awaitUntil("the config without b served", () -> proxy.snapshot().version() == 2);

        assertThat(b.awaitClosed(0, WAIT)).as("b's idle pooled connection closed by the reload").isTrue();
        assertThat(get(client, "/a")).as("a's pooled connection reused").isEqualTo("a 0");
        assertThat(a.connectionCount()).as("connections a accepted").isEqualTo(1);
        assertThat(a.isOpen(0)).as("a's connection kept open").isTrue();
    }
}
