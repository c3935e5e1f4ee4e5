package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.echo.EchoServer;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.PrometheusText;
import io.foresail.core.testing.RawHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /stats/prometheus} on the metrics and merged-metrics ports of a proxy started from the
 * command line, after real traffic: a 200 from an echo upstream, a 404 {@code NR}, a 503 {@code UF}
 * from an endpoint that refuses connections, and a TCP-forwarded connection.
 */
class MetricsIT {

    private static final int HTTP = 8080;
    private static final int TCP = 9000;
    private static final String WEB_HOST = "web.shop.svc.cluster.local";
    private static final String DOWN_HOST = "down.shop.svc.cluster.local";
    private static final String TCP_HOST = "echo-tcp.shop.svc.cluster.local";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Closer closer = new Closer();
    private final HttpClient scraper = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path folder;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        EchoServer echo = closer.register(EchoServer.start(List.of(new EchoServer.Listen("127.0.0.1", 0, "web"),
                new EchoServer.Listen("127.0.0.1", 0, "echo-tcp")), 1));
        // A port held by a bound socket that does not listen: connections to it are refused.
        Socket refusing = closer.register(new Socket());
        refusing.bind(new InetSocketAddress("127.0.0.1", 0));
        Path config = Files.writeString(folder.resolve("edge.yaml"), config(echo.port(0), refusing.getLocalPort(),
                echo.port(1)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.start(List.of("--config", config.toString()), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        assertThat(started.proxy()).as("proxy starts; stderr: %s", err.toString(StandardCharsets.UTF_8)).isNotNull();
        proxy = closer.register(started.proxy());
    }

    private static String config(int webPort, int refusingPort, int tcpPort) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: shop}
                spec:
                  servers:
                  - port: {number: %1$d, name: http, protocol: HTTP}
                    hosts: ["shop.example"]
                  - port: {number: %2$d, name: tcp, protocol: TCP}
                    hosts: ["*"]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: shop, namespace: shop}
                spec:
                  hosts: ["shop.example"]
                  gateways: ["edge"]
                  http:
                  - match: [{uri: {prefix: /down}}]
                    route: [{destination: {host: %3$s}}]
                  - route: [{destination: {host: %4$s}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: tcp, namespace: shop}
                spec:
                  hosts: ["*"]
                  gateways: ["edge"]
                  tcp:
                  - match: [{port: %2$d}]
                    route: [{destination: {host: %5$s, port: {number: 7000}}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: web, namespace: shop}
                spec:
                  hosts: ["%4$s"]
                  resolution: STATIC
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  endpoints:
                  - address: 127.0.0.1
                    ports: {http: %6$d}
                    labels: {app: web, version: v1}
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: down, namespace: shop}
                spec:
                  hosts: ["%3$s"]
                  resolution: STATIC
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  endpoints:
                  - address: 127.0.0.1
                    ports: {http: %7$d}
                    labels: {app: down, version: v2}
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: echo-tcp, namespace: shop}
                spec:
                  hosts: ["%5$s"]
                  resolution: STATIC
                  ports: [{number: 7000, name: tcp, protocol: TCP}]
                  endpoints:
                  - address: 127.0.0.1
                    ports: {tcp: %8$d}
                    labels: {app: echo-tcp, version: v7}
                """.formatted(HTTP, TCP, DOWN_HOST, WEB_HOST, TCP_HOST, webPort, refusingPort, tcpPort);
    }

    private int get(String host, String path) throws IOException {
        try (RawHttpClient client = new RawHttpClient(proxy.proxyPort(HTTP))) {
            return client.exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").status();
        }
    }

    private PrometheusText scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = scraper.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/stats/prometheus")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /stats/prometheus on port %d", port).isEqualTo(200);
        return PrometheusText.of(response.body());
    }

    /**
     * Scrapes {@code port} until {@code done} holds (the exchange is counted as it ends, which the
     * client may see first), failing after {@link #WAIT}; returns that scrape.
     */
    private PrometheusText scrapeUntil(int port, Predicate<PrometheusText> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        PrometheusText scrape = scrape(port);
        while (!done.test(scrape)) {
            assertThat(System.nanoTime() - deadline).as("waited too long for the counts; last scrape:\n%s",
                    scrape.grep("istio_")).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            scrape = scrape(port);
        }
        return scrape;
    }

    private static double requests(PrometheusText scrape, String code, String flags) {
        return scrape.samples("istio_requests_total", "response_code", code, "response_flags", flags).stream()
                .mapToDouble(PrometheusText.Sample::value).sum();
    }

    private static Predicate<PrometheusText> counted(String code, String flags, double expected) {
        return scrape -> requests(scrape, code, flags) >= expected;
    }

    @Test
    void requestsAreCountedPerResponseCodeAndFlag() throws Exception {
        assertThat(get("shop.example", "/")).as("routed to the echo upstream").isEqualTo(200);
        assertThat(get("shop.example", "/again")).as("routed to the echo upstream").isEqualTo(200);
        assertThat(get("nobody.example", "/")).as("no virtual host").isEqualTo(404);
        assertThat(get("shop.example", "/down")).as("the endpoint refuses").isEqualTo(503);

        PrometheusText scrape = scrapeUntil(proxy.metricsPort(), counted("200", "-", 2).and(counted("404", "NR", 1))
                .and(counted("503", "UF", 1)));

        assertThat(scrape.value("istio_requests_total", "response_code", "200", "response_flags", "-",
                "reporter", "source", "request_protocol", "http", "destination_service", WEB_HOST,
                "destination_service_name", "web", "destination_service_namespace", "shop", "destination_app", "web",
                "destination_version", "v1", "source_workload", "unknown", "connection_security_policy", "unknown"))
                .as("the two 200s").isEqualTo(2.0);
        assertThat(scrape.value("istio_requests_total", "response_code", "404", "response_flags", "NR",
                "destination_service", "unknown")).as("the 404 NR, no destination").isEqualTo(1.0);
        assertThat(scrape.value("istio_requests_total", "response_code", "503", "response_flags", "UF",
                "destination_service", DOWN_HOST, "destination_version", "v2"))
                .as("the 503 UF, once for the request whatever its retries").isEqualTo(1.0);
    }

    @Test
    void mergedMetricsPortServesTheIstioSeriesToo() throws Exception {
        assertThat(get("shop.example", "/")).isEqualTo(200);

        PrometheusText scrape = scrapeUntil(proxy.mergedMetricsPort(), counted("200", "-", 1));

        assertThat(scrape.value("istio_requests_total", "response_code", "200", "destination_service", WEB_HOST))
                .as("the port Istio's chart annotates serves the same registry").isEqualTo(1.0);
    }

    @Test
    void durationAndSizeHistogramsHaveEnvoyBuckets() throws Exception {
        assertThat(get("shop.example", "/")).isEqualTo(200);

        PrometheusText scrape = scrapeUntil(proxy.metricsPort(), counted("200", "-", 1));

        for (String histogram : List.of("istio_request_duration_milliseconds", "istio_request_bytes",
                "istio_response_bytes")) {
            assertThat(scrape.samples(histogram + "_bucket", "destination_service", WEB_HOST).stream()
                    .map(sample -> sample.labels().get("le")))
                    .as("%s buckets", histogram).contains("0.5", "1.0", "5.0", "10.0", "100.0", "1000.0", "10000.0",
                            "60000.0", "3600000.0", "+Inf").hasSize(20);
            assertThat(scrape.value(histogram + "_count", "destination_service", WEB_HOST)).as("%s count", histogram)
                    .isEqualTo(1.0);
        }
        assertThat(scrape.value("istio_response_bytes_sum", "destination_service", WEB_HOST))
                .as("the echo's body was sent").isPositive();
    }

    @Test
    void tcpForwardedConnectionIsCountedWithItsBytes() throws Exception {
        byte[] request = "GET /tcp HTTP/1.1\r\nHost: tcp.example\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        long answered;
        try (Socket socket = new Socket("127.0.0.1", proxy.proxyPort(TCP))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            answered = readToEnd(socket.getInputStream());
        }
        assertThat(answered).as("the echo answered through the forward").isPositive();
        String[] labels = {"destination_service", TCP_HOST, "destination_version", "v7", "request_protocol", "tcp",
                "response_flags", "-", "reporter", "source"};

        PrometheusText scrape = scrapeUntil(proxy.metricsPort(),
                text -> !text.samples("istio_tcp_connections_closed_total", labels).isEmpty());

        assertThat(scrape.value("istio_tcp_connections_opened_total", labels)).as("opened").isEqualTo(1.0);
        assertThat(scrape.value("istio_tcp_connections_closed_total", labels)).as("closed").isEqualTo(1.0);
        assertThat(scrape.value("istio_tcp_received_bytes_total", labels)).as("the request's bytes")
                .isEqualTo((double) request.length);
        assertThat(scrape.value("istio_tcp_sent_bytes_total", labels)).as("the bytes the client read")
                .isEqualTo((double) answered);
    }

    @Test
    void foresailMetersCountTheSameTraffic() throws Exception {
        assertThat(get("shop.example", "/")).isEqualTo(200);
        assertThat(get("shop.example", "/down")).isEqualTo(503);

        PrometheusText scrape = scrapeUntil(proxy.metricsPort(), counted("200", "-", 1).and(counted("503", "UF", 1)));

        assertThat(scrape.value("foresail_upstream_rq_total", "cluster", "outbound|80||" + WEB_HOST, "code_class", "2xx"))
                .as("upstream rq by cluster and class").isEqualTo(1.0);
        assertThat(scrape.value("foresail_upstream_rq_total", "cluster", "outbound|80||" + DOWN_HOST,
                "code_class", "5xx")).as("the UF 503 under its cluster").isEqualTo(1.0);
        assertThat(scrape.value("foresail_upstream_cx_connect_fail_total"))
                .as("the first try and Istio's default two retries all refused").isEqualTo(3.0);
        assertThat(scrape.value("foresail_upstream_rq_retry_total")).as("retries").isEqualTo(2.0);
        assertThat(scrape.value("foresail_downstream_cx_total", "listener", Integer.toString(HTTP)))
                .as("connections accepted on the HTTP port").isEqualTo(2.0);
        assertThat(scrape.samples("foresail_downstream_cx_active", "listener", Integer.toString(HTTP)))
                .as("a gauge per listener").hasSize(1);
        assertThat(scrape.samples("foresail_upstream_cx_idle")).as("pool size gauges").hasSize(1);
        assertThat(scrape.samples("foresail_downstream_tls_errors_total")).as("TLS errors by reason")
                .extracting(sample -> sample.labels().get("reason"))
                .containsExactlyInAnyOrder("not_tls", "certificate", "handshake", "record");
        assertThat(scrape.value("foresail_access_log_dropped_total"))
                .as("the access log kept up with two requests: nothing dropped").isEqualTo(0.0);
    }

    private static long readToEnd(InputStream in) throws IOException {
        long total = 0;
        byte[] buf = new byte[8192];
        int read;
        while ((read = in.read(buf)) >= 0) {
            total += read;
        }
        return total;
    }
}
