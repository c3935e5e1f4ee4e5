package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.GatewayYaml;
import io.foresail.core.testing.KeepAliveUpstream;
import io.foresail.core.testing.RawHttpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy as a process of its own ({@link EphemeralPortsProcessMain}, i.e. {@link Main}) stopped
 * with SIGTERM: readiness turns 503, requests in flight finish
 * with their 200 and {@code connection: close}, an idle keep-alive connection is closed, new
 * connections are refused once the listeners closed, and the process exits 0. A second SIGTERM
 * cuts the drain short.
 */
class ShutdownSignalIT {

    private static final int PORT = 8081;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern PROXY_PORT = Pattern.compile("ready: http " + PORT + "->(\\d+);");
    private static final Pattern STATUS_PORT = Pattern.compile(" status (\\d+);");
    private static final String HOLD = "GET /hold HTTP/1.1\r\nHost: edge.example.com\r\n\r\n";

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private final List<String> stderr = new CopyOnWriteArrayList<>();
    /** Done when the process's stderr ends (it has exited): every line of it is in {@link #stderr}. */
    private final CompletableFuture<Void> stderrEnded = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A started proxy process: the process, the bound proxy port and status port. */
    private record Proxy(Process process, int port, int statusPort) {
    }

    private Proxy start(int upstreamPort, String... flags) throws Exception {
        Path config = Files.writeString(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("edge", PORT, upstreamPort));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), EphemeralPortsProcessMain.class.getName(),
                "--config", config.toString(), "--tls-provider", "jdk", "--transport", "nio"));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        closer.register(() -> {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        });
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    stderr.add(line);
                    if (line.contains(" ready: ")) {
                        ready.complete(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            ready.complete("exited without a ready line");
            stderrEnded.complete(null);
        }, "proxy-stderr");
        reader.setDaemon(true);
        reader.start();
        String readyLine = ready.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Matcher proxyPort = PROXY_PORT.matcher(readyLine);
        Matcher statusPort = STATUS_PORT.matcher(readyLine);
        assertThat(proxyPort.find() && statusPort.find()).as("ready line with the bound ports: %s; stderr: %s", readyLine, stderr)
                .isTrue();
        return new Proxy(process, Integer.parseInt(proxyPort.group(1)), Integer.parseInt(statusPort.group(1)));
    }

    /**
     * SIGTERM, as {@link Process#destroy()} sends it on Linux; through the process handle because
     * {@code Process.destroy()} also closes our end of the process's stderr, where the drain logs.
     */
    private static void sigterm(Proxy proxy) {
        assertThat(proxy.process().toHandle().destroy()).as("SIGTERM sent").isTrue();
    }

    private int readiness(Proxy proxy) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.statusPort() + "/healthz/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
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
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Waits until the process has exited, and its stderr has been read to the end. */
    private int exitStatus(Proxy proxy) throws Exception {
        assertThat(proxy.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the process exits within %s", WAIT).isTrue();
        stderrEnded.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return proxy.process().exitValue();
    }

    private void awaitLogLine(String text) {
        awaitUntil("a log line with '" + text + "'; stderr: " + stderr, () -> stderr.stream().anyMatch(line -> line.contains(text)));
    }

    @Test
    void sigtermDrainsRequestsInFlightAndExitsZero() throws Exception {
        KeepAliveUpstream upstream = closer.register(KeepAliveUpstream.start("u"));
        Proxy proxy = start(upstream.port(), "--drain-delay", "300ms", "--drain-timeout", "20s");
        assertThat(readiness(proxy)).as("readiness before SIGTERM").isEqualTo(200);
        RawHttpClient idle = closer.register(new RawHttpClient(proxy.port()));
        assertThat(idle.exchange("GET /x HTTP/1.1\r\nHost: edge.example.com\r\n\r\n").status()).as("served before SIGTERM")
                .isEqualTo(200);
        List<RawHttpClient> inFlight = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RawHttpClient client = closer.register(new RawHttpClient(proxy.port()));
            client.send(HOLD);
            inFlight.add(client);
        }
        assertThat(upstream.awaitHolding(3, WAIT)).as("the three requests reached the upstream").isTrue();

        sigterm(proxy);

        awaitUntil("readiness answers 503", () -> readiness(proxy) == 503);
        awaitUntil("the listeners refuse new connections", () -> refuses(proxy.port()));
        assertThat(idle.isClosedByPeer()).as("the idle keep-alive connection is closed").isTrue();
        assertThat(proxy.process().isAlive()).as("the process waits for the requests in flight").isTrue();
        upstream.releaseHeld();
        for (RawHttpClient client : inFlight) {
            RawHttpClient.Response answer = client.read();
            assertThat(answer.status()).as("a request in flight at SIGTERM is answered").isEqualTo(200);
            assertThat(answer.header("connection")).as("and its connection closed after it").isEqualToIgnoringCase("close");
        }
        assertThat(exitStatus(proxy)).as("exit status after a drain; stderr: %s", stderr).isZero();
        assertThat(String.join("\n", stderr)).as("one log line per drain step, written from the shutdown hook")
                .contains("draining: readiness answers 503; listeners keep accepting for 300 ms")
                .containsPattern("draining: listeners closed; \\d+ connections? still open")
                .containsPattern("drained in \\d+ ms");
    }

    @Test
    void secondSigtermStopsAtOnce() throws Exception {
        KeepAliveUpstream upstream = closer.register(KeepAliveUpstream.start("u"));
        Proxy proxy = start(upstream.port(), "--drain-delay", "10m", "--drain-timeout", "10m", "--log-format", "json");
        RawHttpClient inFlight = closer.register(new RawHttpClient(proxy.port()));
        inFlight.send(HOLD);
        assertThat(upstream.awaitHolding(1, WAIT)).as("the request reached the upstream").isTrue();

        sigterm(proxy);
        awaitLogLine("draining: readiness answers 503");
        sigterm(proxy);

        assertThat(exitStatus(proxy)).as("exit status, long before the 10 min drain delay; stderr: %s", stderr).isZero();
        assertThatThrownBy(inFlight::read).as("the request in flight is cut").isInstanceOf(IOException.class);
        assertThat(stderr).as("the log is JSON lines").allSatisfy(line -> assertThat(line).startsWith("{\"time\":\""));
        assertThat(String.join("\n", stderr)).as("log lines").contains("drain stopped at once");
    }
}
