package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.KeepAliveUpstream;
import io.foresail.core.testing.RawHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log of a proxy started through the command line, with real sockets: one line on
 * stdout per request, in Istio's text format or its JSON encoding, for a proxied 200, a 404
 * {@code NR} and a 503 {@code UF} from an endpoint that refuses connections; none with
 * {@code --access-log off}.
 */
class AccessLogIT {

    private static final int PORT = 8080;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TIME = "\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\]";
    private static final String RETRIED_CONNECT_FAILURE = "upstream connect error or disconnect/reset before headers. "
            + "retried and the latest reset reason: connection failure";

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private KeepAliveUpstream upstream;
    private int refusingPort;
    private Path config;

    @BeforeEach
    void upstreams() throws IOException {
        upstream = closer.register(KeepAliveUpstream.start("ok"));
        // a port held by a bound socket that does not listen: connections to it are refused
        Socket refusing = closer.register(new Socket());
        refusing.bind(new InetSocketAddress("127.0.0.1", 0));
        refusingPort = refusing.getLocalPort();
        config = Files.writeString(dir.resolve("edge.yaml"), """
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
                  - name: ok-route
                    match: [{uri: {prefix: /ok}}]
                    route: [{destination: {host: ok.internal}}]
                  - name: down-route
                    match: [{uri: {prefix: /down}}]
                    route: [{destination: {host: down.internal}}]
                %s%s""".formatted(PORT, serviceEntry("ok", upstream.port()), serviceEntry("down", refusingPort)));
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

    private RunningProxy start(String... flags) {
        List<String> args = new ArrayList<>(List.of("--config", config.toString()));
        args.addAll(Arrays.asList(flags));
        Main.Started started = Main.start(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        assertThat(started.proxy()).as("proxy starts; stderr: %s", err.toString(StandardCharsets.UTF_8)).isNotNull();
        return started.proxy();
    }

    /** The three requests of every test, on one connection, each answered as expected. */
    private Answers sendRequests(RunningProxy proxy) throws IOException {
        try (RawHttpClient client = new RawHttpClient(proxy.proxyPort(PORT))) {
            RawHttpClient.Response ok = client.exchange(request("/ok?x=1", "req-200"));
            assertThat(ok.status()).as("GET /ok: %s", ok.bodyText()).isEqualTo(200);
            RawHttpClient.Response notFound = client.exchange(request("/nowhere", "req-404"));
            assertThat(notFound.status()).isEqualTo(404);
            RawHttpClient.Response down = client.exchange(request("/down", "req-503"));
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.bodyText()).as("Istio's default retries retried the refused connect")
                    .isEqualTo(RETRIED_CONNECT_FAILURE);
            return new Answers(ok, proxy.proxyPort(PORT));
        }
    }

    private record Answers(RawHttpClient.Response ok, int proxyPort) {
        String serviceTime() {
            return ok.header("x-envoy-upstream-service-time");
        }
    }

    private static String request(String target, String requestId) {
        return "GET " + target + " HTTP/1.1\r\nHost: edge.example.com\r\nUser-Agent: access-log-it\r\nX-Request-Id: "
                + requestId + "\r\n\r\n";
    }

    /** The stdout lines once there are {@code count}, waiting at most {@link #WAIT}. */
    private List<String> awaitLines(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String text = out.toString(StandardCharsets.UTF_8);
            List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
            if (lines.size() >= count && text.endsWith("\n")) {
                return lines;
            }
            assertThat(System.nanoTime() - deadline).as("waited too long for %d access-log lines; have: %s", count, text)
                    .isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void textLinesDescribeAProxiedRequestANoRouteAndARefusedUpstream() throws IOException {
        RunningProxy proxy = closer.register(start());
        Answers answers = sendRequests(proxy);
        List<String> lines = awaitLines(3);
        assertThat(lines).hasSize(3);
        String proxyAddress = "127\\.0\\.0\\.1:" + answers.proxyPort();
        assertThat(answers.serviceTime()).as("x-envoy-upstream-service-time sent to the client").matches("\\d+");
        assertThat(lines.get(0)).as("the 200").matches(TIME + Pattern.quote(" \"GET /ok?x=1 HTTP/1.1\" 200 - via_upstream - \"-\" 0 "
                + answers.ok().body().length + " ") + "\\d+ " + Pattern.quote(answers.serviceTime()
                + " \"127.0.0.1\" \"access-log-it\" \"req-200\" \"edge.example.com\" \"127.0.0.1:" + upstream.port()
                + "\" outbound|80||ok.internal ") + "127\\.0\\.0\\.1:\\d+ " + proxyAddress + " 127\\.0\\.0\\.1:\\d+ - ok-route");
        assertThat(lines.get(1)).as("the 404").matches(TIME + Pattern.quote(" \"GET /nowhere HTTP/1.1\" 404 NR route_not_found - "
                + "\"-\" 0 0 ") + "\\d+" + Pattern.quote(" - \"-\" \"access-log-it\" \"req-404\" \"edge.example.com\" \"-\" - - ")
                + proxyAddress + " 127\\.0\\.0\\.1:\\d+ - -");
        assertThat(lines.get(2)).as("the 503 after Istio's default retries of a refused connect")
                .matches(TIME + Pattern.quote(" \"GET /down HTTP/1.1\" 503 UF "
                        + "upstream_reset_before_response_started{connection_failure} - \"-\" 0 "
                        + RETRIED_CONNECT_FAILURE.length() + " ") + "\\d+" + Pattern.quote(" - \"127.0.0.1\" \"access-log-it\" "
                        + "\"req-503\" \"edge.example.com\" \"127.0.0.1:" + refusingPort + "\" outbound|80||down.internal - ")
                        + proxyAddress + " 127\\.0\\.0\\.1:\\d+ - down-route");
        assertThat(proxy.accessLog().dropped()).isZero();
    }

    @Test
    void jsonLinesCarryTheSameFieldsWithIstioKeys() throws IOException {
        RunningProxy proxy = closer.register(start("--access-log", "json"));
        Answers answers = sendRequests(proxy);
        List<String> lines = awaitLines(3);
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).as("one JSON object, keys sorted")
                .startsWith("{\"authority\":\"edge.example.com\",\"bytes_received\":0,").endsWith("}")
                .contains(",\"connection_termination_details\":null,", ",\"protocol\":\"HTTP/1.1\",",
                        ",\"requested_server_name\":null,", ",\"upstream_transport_failure_reason\":null,",
                        ",\"user_agent\":\"access-log-it\","));
        assertThat(lines.get(0)).as("the 200").contains("\"method\":\"GET\",\"path\":\"/ok?x=1\",",
                "\"response_code\":200,\"response_code_details\":\"via_upstream\",\"response_flags\":\"-\",\"route_name\":\"ok-route\",",
                "\"request_id\":\"req-200\",", "\"bytes_sent\":" + answers.ok().body().length + ",",
                "\"upstream_cluster\":\"outbound|80||ok.internal\",\"upstream_host\":\"127.0.0.1:" + upstream.port() + "\",",
                "\"upstream_service_time\":\"" + answers.serviceTime() + "\",", "\"x_forwarded_for\":\"127.0.0.1\"}")
                .containsPattern("\"upstream_local_address\":\"127\\.0\\.0\\.1:\\d+\",")
                .containsPattern("\"downstream_local_address\":\"127\\.0\\.0\\.1:" + answers.proxyPort() + "\",")
                .containsPattern("\"duration\":\\d+,")
                .containsPattern("\"start_time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\",");
        assertThat(lines.get(1)).as("the 404").contains("\"path\":\"/nowhere\",", "\"request_id\":\"req-404\",",
                "\"response_code\":404,\"response_code_details\":\"route_not_found\",\"response_flags\":\"NR\",\"route_name\":null,",
                "\"upstream_cluster\":null,\"upstream_host\":null,\"upstream_local_address\":null,\"upstream_service_time\":null,",
                "\"x_forwarded_for\":null}");
        assertThat(lines.get(2)).as("the 503").contains("\"path\":\"/down\",", "\"request_id\":\"req-503\",",
                "\"response_code\":503,\"response_code_details\":\"upstream_reset_before_response_started{connection_failure}\","
                        + "\"response_flags\":\"UF\",\"route_name\":\"down-route\",",
                "\"bytes_sent\":" + RETRIED_CONNECT_FAILURE.length() + ",",
                "\"upstream_cluster\":\"outbound|80||down.internal\",\"upstream_host\":\"127.0.0.1:" + refusingPort + "\","
                        + "\"upstream_local_address\":null,\"upstream_service_time\":null,");
    }

    @Test
    void offWritesNothing() throws IOException {
        RunningProxy proxy = start("--access-log", "off");
        try {
            sendRequests(proxy);
        } finally {
            // close writes whatever a log would have queued: nothing may come after it
            proxy.close();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).as("stdout with --access-log off").isEmpty();
    }
}
