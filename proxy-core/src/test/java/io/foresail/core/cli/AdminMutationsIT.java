package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admin {@code POST /drain_listeners} and {@code POST /logging} over HTTP, on a proxy started from the command line. */
class AdminMutationsIT {

    private static final Path SAMPLE = Path.of("..", "config-samples", "gateway.yaml");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Held: JUL holds loggers weakly. */
    private final Logger proxyLogger = Logger.getLogger("io.foresail.core.proxy");
    private final Level proxyLevelBefore = proxyLogger.getLevel();
    private RunningProxy proxy;

    @BeforeEach
    void start() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.start(List.of("--config", SAMPLE.toString()), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        assertThat(started.proxy()).as("proxy starts on the sample; stderr: %s", err).isNotNull();
        proxy = started.proxy();
    }

    @AfterEach
    void stop() {
        proxyLogger.setLevel(proxyLevelBefore);
        if (proxy != null) {
            proxy.close();
        }
    }

    private HttpResponse<String> send(int port, String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refuses(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited too long for: %s", what).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void drainListenersClosesTheListenersAndKeepsTheProcessAndAdminUp() throws Exception {
        int proxyPort = proxy.proxyPort(proxy.listenedPorts().iterator().next());

        assertThat(send(proxy.adminPort(), "POST", "/drain_listeners").statusCode()).as("POST /drain_listeners").isEqualTo(200);

        awaitUntil("the listener refuses connections", () -> refuses(proxyPort));
        assertThat(send(proxy.statusPort(), "GET", "/healthz/ready").statusCode()).as("status /healthz/ready").isEqualTo(503);
        assertThat(send(proxy.adminPort(), "GET", "/server_info").body()).as("/server_info").contains("\"state\":\"DRAINING\"");
    }

    @Test
    void getOnDrainListenersAnswers405AndKeepsServing() throws Exception {
        assertThat(send(proxy.adminPort(), "GET", "/drain_listeners").statusCode()).as("GET /drain_listeners").isEqualTo(405);

        assertThat(send(proxy.statusPort(), "GET", "/healthz/ready").statusCode()).as("status /healthz/ready").isEqualTo(200);
    }

    @Test
    void postLoggingSetsALoggerLevel() throws Exception {
        HttpResponse<String> answer = send(proxy.adminPort(), "POST", "/logging?io.foresail.core.proxy=debug");

        assertThat(answer.statusCode()).as("POST /logging?io.foresail.core.proxy=debug").isEqualTo(200);
        assertThat(answer.body()).as("the listing after the change").contains("  io.foresail.core.proxy: debug\n");
        assertThat(proxyLogger.isLoggable(Level.FINE)).as("the proxy package logs debug").isTrue();
    }

    @Test
    void getOnLoggingAnswers405() throws Exception {
        assertThat(send(proxy.adminPort(), "GET", "/logging?level=debug").statusCode()).as("GET /logging").isEqualTo(405);
    }
}
