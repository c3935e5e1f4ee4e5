package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.GatewayYaml;
import io.foresail.core.testing.KeepAliveUpstream;
import io.foresail.core.testing.RawHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Gateway port removed by a reload, with real sockets: it stops accepting, its idle keep-alive
 * connections close, and a request in flight on it is answered with {@code connection: close}
 * before its connection closes.
 */
class ReloadListenersIT {

    private static final int PORT = 8080;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

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

    @Test
    void keepAliveConnectionsOfARemovedPortDrain() throws Exception {
        KeepAliveUpstream upstream = closer.register(KeepAliveUpstream.start("u"));
        Path config = Files.writeString(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("edge", PORT, upstream.port()));
        RunningProxy proxy = start(config);
        int oldPort = proxy.proxyPort(PORT);
        RawHttpClient idle = closer.register(new RawHttpClient(oldPort));
        assertThat(idle.exchange("GET /first HTTP/1.1\r\nHost: edge.example.com\r\n\r\n").status())
                .as("served before the reload").isEqualTo(200);
        RawHttpClient inFlight = closer.register(new RawHttpClient(oldPort));
        inFlight.send("GET /hold HTTP/1.1\r\nHost: edge.example.com\r\n\r\n");
        assertThat(upstream.awaitHolding(WAIT)).as("the request in flight reached the upstream").isTrue();

        replaceAtomically(config, GatewayYaml.plainHttp("edge", PORT + 1, upstream.port()));
        awaitUntil("the listeners follow the new port", () -> proxy.listenedPorts().equals(Set.of(PORT + 1)));

        assertThat(idle.isClosedByPeer()).as("the idle keep-alive connection is closed").isTrue();
        upstream.releaseHeld();
        RawHttpClient.Response answered = inFlight.read();
        assertThat(answered.status()).as("the request in flight is answered").isEqualTo(200);
        assertThat(answered.header("connection")).as("connection header of that answer").isEqualToIgnoringCase("close");
        assertThat(inFlight.isClosedByPeer()).as("its connection closes after the answer").isTrue();
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", oldPort), 2_000))
                .as("the removed port no longer accepts").isInstanceOf(ConnectException.class);
    }
}
