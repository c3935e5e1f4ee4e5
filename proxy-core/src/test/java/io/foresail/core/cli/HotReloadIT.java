package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.core.echo.EchoServer;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.GatewayYaml;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config rewritten under a running proxy over real sockets while clients keep sending: no
 * request fails, every answer comes from the valid version current when it was sent or a later one,
 * rejected versions change nothing, and the listeners follow the Gateway ports.
 */
class HotReloadIT {

    private static final int PORT = 8080;
    private static final int REWRITES = 50;
    private static final int VERSIONS = REWRITES / 2 + 1;
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

    /** Writes a sibling temporary file and renames it over {@code file}. */
    private static void replaceAtomically(Path file, String text) throws IOException {
        Path next = Files.writeString(file.resolveSibling(".next.tmp"), text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Polls {@code condition} until it holds, failing after {@link #WAIT}. */
    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited too long for: %s", what).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private static String get(RawHttpClient client) throws IOException {
        RawHttpClient.Response response = client.exchange("GET /probe HTTP/1.1\r\nHost: edge.example.com\r\n\r\n");
        if (response.status() != 200) {
            throw new IOException("status " + response.status() + ": " + response.bodyText());
        }
        return response.header("x-echo-server");
    }

    private static int versionOf(String echoName) {
        return Integer.parseInt(echoName.substring(1));
    }

    /** An answer and the valid versions written when its request was sent and when it was answered. */
    private record Answer(int writtenAtSend, int served, int writtenAtAnswer) {
    }

    private static final class Traffic {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong answered = new AtomicLong();
        final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        volatile int written;

        void send(int port, boolean keepAlive) {
            RawHttpClient kept = null;
            try {
                while (running.get()) {
                    int before = written;
                    String served;
                    if (keepAlive) {
                        if (kept == null) {
                            kept = new RawHttpClient(port);
                        }
                        served = get(kept);
                    } else {
                        try (RawHttpClient fresh = new RawHttpClient(port)) {
                            served = get(fresh);
                        }
                    }
                    answers.add(new Answer(before, versionOf(served), written));
                    answered.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                failures.add((keepAlive ? "keep-alive: " : "new connection: ") + e);
            } finally {
                if (kept != null) {
                    try {
                        kept.close();
                    } catch (IOException e) {
                        failures.add("close: " + e);
                    }
                }
            }
        }
    }

    @Test
    void rewritesUnderTrafficLoseNoRequestAndServeOnlyCurrentOrPreviousValidVersions() throws Exception {
        List<EchoServer.Listen> listens = new ArrayList<>();
        for (int version = 0; version < VERSIONS; version++) {
            listens.add(new EchoServer.Listen("127.0.0.1", 0, "v" + version));
        }
        EchoServer upstreams = EchoServer.start(listens, 2);
        closer.register(upstreams);
        Path config = Files.writeString(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("edge", PORT, upstreams.port(0)));
        RunningProxy proxy = start(config);
        int port = proxy.proxyPort(PORT);
        Traffic traffic = new Traffic();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        closer.register(clients::shutdownNow);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean keepAlive = i % 2 == 0;
            running.add(clients.submit(() -> traffic.send(port, keepAlive)));
        }
        RawHttpClient probe = closer.register(new RawHttpClient(port));

        for (int rewrite = 1; rewrite <= REWRITES; rewrite++) {
            if (rewrite % 2 == 1) {
                Optional<java.time.Instant> rejectedBefore = proxy.reloader().status().rejectedAt();
                replaceAtomically(config, GatewayYaml.BROKEN + "# rewrite " + rewrite + "\n");
                awaitUntil("rejection of rewrite " + rewrite,
                        () -> !proxy.reloader().status().rejectedAt().equals(rejectedBefore));
            } else {
                int version = rewrite / 2;
                traffic.written = version;
                replaceAtomically(config, GatewayYaml.plainHttp("edge", PORT, upstreams.port(version)));
                awaitUntil("version " + version + " served", () -> {
                    try {
                        return versionOf(get(probe)) == version;
                    } catch (IOException e) {
                        throw new AssertionError("probe failed", e);
                    }
                });
            }
        }
        long answeredAtEnd = traffic.answered.get();
        awaitUntil("more traffic after the last rewrite", () -> traffic.answered.get() > answeredAtEnd + 4);
        traffic.running.set(false);
        for (Future<?> client : running) {
            client.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(traffic.failures).as("failed requests").isEmpty();
        assertThat(traffic.answered.get()).as("requests answered").isGreaterThan(REWRITES);
        assertThat(traffic.answers).as("every answer from the valid version current when sent, or a later one")
                .allSatisfy(answer -> assertThat(answer.served())
                        .isBetween(answer.writtenAtSend() - 1, answer.writtenAtAnswer()));
        assertThat(versionOf(get(probe))).as("the final version is served").isEqualTo(VERSIONS - 1);
        assertThat(proxy.snapshot().version()).as("one snapshot per valid version").isEqualTo(VERSIONS);
    }

    @Test
    void listenersFollowTheGatewayPorts() throws Exception {
        EchoServer upstream = EchoServer.start(List.of(new EchoServer.Listen("127.0.0.1", 0, "v0")), 1);
        closer.register(upstream);
        Path config = Files.writeString(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("edge", PORT, upstream.port(0)));
        RunningProxy proxy = start(config);
        int oldPort = proxy.proxyPort(PORT);
        RawHttpClient accepted = closer.register(new RawHttpClient(oldPort));
        assertThat(get(accepted)).as("served on the first port").isEqualTo("v0");

        replaceAtomically(config, GatewayYaml.plainHttp("edge", PORT + 1, upstream.port(0)));
        awaitUntil("listeners follow the new Gateway port", () -> proxy.listenedPorts().equals(java.util.Set.of(PORT + 1)));

        try (RawHttpClient moved = new RawHttpClient(proxy.proxyPort(PORT + 1))) {
            assertThat(get(moved)).as("served on the new port").isEqualTo("v0");
        }
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", oldPort), 2_000))
                .as("the removed port no longer accepts").isInstanceOf(ConnectException.class);
    }

    private static String adminGet(int port, String path) throws IOException {
        try (RawHttpClient admin = new RawHttpClient(port)) {
            RawHttpClient.Response response = admin.exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).as("%s status", path).isEqualTo(200);
            return response.bodyText();
        }
    }

    @Test
    void reloadStatusAndMetricsShowTheServedVersionAndTheLastRejectedError() throws Exception {
        EchoServer upstream = EchoServer.start(List.of(new EchoServer.Listen("127.0.0.1", 0, "v0")), 1);
        closer.register(upstream);
        Path config = Files.writeString(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("edge", PORT, upstream.port(0)));
        RunningProxy proxy = start(config);
        replaceAtomically(config, GatewayYaml.plainHttp("edge", PORT + 1, upstream.port(0)));
        awaitUntil("version 2", () -> proxy.snapshot().version() == 2);
        replaceAtomically(config, GatewayYaml.BROKEN);
        awaitUntil("rejection", () -> proxy.reloader().status().rejectedAt().isPresent());

        String status = adminGet(proxy.adminPort(), "/reload_status");
        String metrics = adminGet(proxy.adminPort(), "/stats/prometheus");

        assertThat(status).as("/reload_status").contains("\"version\":2",
                "\"content_hash\":\"" + proxy.snapshot().table().contentHash() + "\"", "\"loaded_at\":",
                config.toString(), "\"rejected_at\":", "YAML syntax error");
        assertThat(metrics).as("reload counters")
                .contains("foresail_config_reload_total{result=\"accepted\"} 1.0",
                        "foresail_config_reload_total{result=\"rejected\"} 1.0");
    }
}
