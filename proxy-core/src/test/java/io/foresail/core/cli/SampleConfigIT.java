package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.echo.EchoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code config-samples/gateway.yaml}, started through the command line as a user
 * would, in front of the bundled echo upstreams (ports rewritten to ephemeral ones).
 */
class SampleConfigIT {

    private static final Path SAMPLE = Path.of("..", "config-samples", "gateway.yaml");

    @TempDir
    Path dir;

    private EchoServer echo;
    private RunningProxy proxy;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        echo = EchoServer.start(List.of(new EchoServer.Listen("127.0.0.1", 0, "echo-v1"),
                new EchoServer.Listen("127.0.0.1", 0, "echo-v2")), 1);
        String sample = Files.readString(SAMPLE)
                .replace("http: 9001", "http: " + echo.port(0))
                .replace("http: 9002", "http: " + echo.port(1));
        Path config = Files.writeString(dir.resolve("gateway.yaml"), sample);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.start(List.of("--config", config.toString()), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        assertThat(started.proxy()).as("proxy starts on the sample; stderr: %s", err).isNotNull();
        proxy = started.proxy();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        echo.close();
    }

    private HttpResponse<String> get(int port, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rootAnswersFromAnEchoUpstream() throws Exception {
        HttpResponse<String> response = get(proxy.proxyPort(8081), "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo-server")).as("served by a real upstream")
                .hasValueSatisfying(name -> assertThat(name).isIn("echo-v1", "echo-v2"));
    }

    @Test
    void headerRouteAlwaysReachesV2() throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = get(proxy.proxyPort(8081), "/", "x-canary", "always");
            assertThat(response.headers().firstValue("x-echo-server")).as("x-canary: always routes to v2").contains("echo-v2");
        }
    }

    @Test
    void prefixRouteReachesV2() throws Exception {
        HttpResponse<String> response = get(proxy.proxyPort(8081), "/v2/hello");
        assertThat(response.headers().firstValue("x-echo-server")).contains("echo-v2");
        assertThat(response.body()).as("path forwarded unchanged").contains("GET /v2/hello HTTP/1.1");
    }

    @Test
    void splitSendsMostRequestsToV1() throws Exception {
        int v1 = 0;
        int total = 400;
        for (int i = 0; i < total; i++) {
            if (get(proxy.proxyPort(8081), "/").headers().firstValue("x-echo-server").orElse("").equals("echo-v1")) {
                v1++;
            }
        }
        // 90/10: the chance of falling outside [300, 395] out of 400 is far below one in a million.
        assertThat(v1).as("requests to v1 out of %d with a 90/10 split", total).isBetween(300, 395);
    }

    @Test
    void statusPortReportsReady() throws Exception {
        HttpResponse<String> response = get(proxy.statusPort(), "/healthz/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("LIVE\n");
    }

    @Test
    void adminDumpsCompiledRoutes() throws Exception {
        HttpResponse<String> response = get(proxy.adminPort(), "/config_dump");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"http.8081\"", "outbound|80|v1|echo.local", "canary-by-header");
    }

    @Test
    void metricsPortServesPrometheusText() throws Exception {
        HttpResponse<String> response = get(proxy.metricsPort(), "/stats/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes", "foresail_buffer_pool_direct_used_bytes");
    }

    @Test
    void mergedMetricsPortServesPrometheusTextToo() throws Exception {
        HttpResponse<String> response = get(proxy.mergedMetricsPort(), "/stats/prometheus");
        assertThat(response.statusCode()).as("GET /stats/prometheus on the 15020 port (ephemeral here)").isEqualTo(200);
        assertThat(response.body()).as("the same registry as the metrics port").contains("jvm_memory_used_bytes");
    }
}
