package io.foresail.core.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin introspection and health-check paths, over HTTP on a proxy started from the command line. */
class AdminIntrospectionIT {

    private static final Path SAMPLE = Path.of("..", "config-samples", "gateway.yaml");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
        if (proxy != null) {
            proxy.close();
        }
    }

    private HttpResponse<String> send(int port, String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesNameTheSampleVirtualServiceAndItsFile() throws Exception {
        HttpResponse<String> routes = send(proxy.adminPort(), "GET", "/routes");

        assertThat(routes.statusCode()).as("status").isEqualTo(200);
        assertThat(routes.body()).as("/routes").contains("\"name\":\"v2-by-path\",\"virtual_service\":\"VirtualService/default/echo\","
                + "\"file\":\"" + SAMPLE + "\",\"line\":");
    }

    @Test
    void configDumpNamesTheServedSnapshotItsLoadTimeAndSourceFile() throws Exception {
        HttpResponse<String> dump = send(proxy.adminPort(), "GET", "/config_dump");

        assertThat(dump.statusCode()).as("status").isEqualTo(200);
        assertThat(dump.body()).as("/config_dump").startsWith("{\"version\":1,\"content_hash\":\""
                        + proxy.snapshot().table().contentHash() + "\",\"loaded_at\":\"")
                .containsPattern("\"loaded_at\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"")
                .contains("\"sources\":[\"" + SAMPLE + "\"]");
    }

    @Test
    void clustersListTheSampleEndpoints() throws Exception {
        HttpResponse<String> clusters = send(proxy.adminPort(), "GET", "/clusters");

        assertThat(clusters.body()).as("/clusters").contains("\"name\":\"outbound|80|v2|echo.local\"")
                .contains("{\"address\":\"127.0.0.1\",\"port\":9002,\"weight\":1,\"health\":{\"status\":\"healthy\"");
    }

    @Test
    void postedHealthcheckFailTurnsTheStatusPortNotReadyUntilOk() throws Exception {
        assertThat(send(proxy.adminPort(), "POST", "/healthcheck/fail").statusCode()).as("POST fail").isEqualTo(200);
        assertThat(send(proxy.statusPort(), "GET", "/healthz/ready").statusCode()).as("ready after fail").isEqualTo(503);

        assertThat(send(proxy.adminPort(), "POST", "/healthcheck/ok").statusCode()).as("POST ok").isEqualTo(200);
        assertThat(send(proxy.statusPort(), "GET", "/healthz/ready").statusCode()).as("ready after ok").isEqualTo(200);
    }

    @Test
    void healthcheckFailByGetIsRefused() throws Exception {
        assertThat(send(proxy.adminPort(), "GET", "/healthcheck/fail").statusCode()).as("GET fail").isEqualTo(405);
        assertThat(send(proxy.adminPort(), "GET", "/ready").statusCode()).as("still ready").isEqualTo(200);
    }
}
