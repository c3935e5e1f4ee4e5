package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.foresail.core.http.LocalReplies;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.Outcomes;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.StubUpstream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The data plane over real sockets: JDK and raw clients → proxy → stub upstream, all on 127.0.0.1. */
class ProxyServerIT {

    private static final int GATEWAY_PORT = 8081;

    @RegisterExtension
    final Closer closer = new Closer();

    private final Outcomes outcomes = new Outcomes();

    private ProxyServer start(RoutingTables tables) {
        SnapshotHolder holder = tables.holder();
        ProxyServerOptions options = ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(2).build();
        return closer.register(ProxyServer.start(holder, options, outcomes));
    }

    private StubUpstream stub(String name) throws Exception {
        return closer.register(StubUpstream.start(name));
    }

    private ProxyServer proxyTo(StubUpstream upstream) {
        return start(RoutingTables.builder()
                .cluster("web.example", endpoint("127.0.0.1", upstream.port(), 1))
                .route(GATEWAY_PORT, "example.com", "/", "web.example")
                .route(GATEWAY_PORT, "127.0.0.1", "/", "web.example"));
    }

    /** A proxy routing {@code example.com} to a scripted (misbehaving) upstream on {@code port}. */
    private ProxyServer proxyToScripted(int port) {
        return start(RoutingTables.builder()
                .cluster("bad.example", endpoint("127.0.0.1", port, 1))
                .route(GATEWAY_PORT, "example.com", "/", "bad.example"));
    }

    private static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static URI uri(ProxyServer proxy, String path) {
        return URI.create("http://127.0.0.1:" + proxy.boundPort(GATEWAY_PORT) + path);
    }

    private static HttpRequest.Builder request(ProxyServer proxy, String path) {
        return HttpRequest.newBuilder(uri(proxy, path)).timeout(Duration.ofSeconds(20));
    }

    @Test
    void getIsForwardedAndTheUpstreamResponseReturned() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange("GET /hello?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("web /hello");
            assertThat(response.header("x-upstream")).isEqualTo("web");
            assertThat(response.header("server")).isEqualTo("istio-envoy");
            assertThat(response.header("keep-alive")).as("hop-by-hop response header").isNull();
        }
        assertThat(upstream.requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.uri()).isEqualTo("/hello?x=1");
            assertThat(recorded.header("host")).isEqualTo("example.com");
        });
        ExchangeOutcome outcome = outcomes.next();
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.flag()).isEqualTo(ResponseFlag.NONE);
        assertThat(outcome.clusterName()).isEqualTo(RoutingTables.clusterName("web.example"));
    }

    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"NIO", "EPOLL", "IO_URING"})
    void everyTransportServesTheSameWay(TransportKind kind) throws Exception {
        assumeTrue(kind != TransportKind.EPOLL || io.netty.channel.epoll.Epoll.isAvailable(), "epoll not available here");
        assumeTrue(kind != TransportKind.IO_URING || io.netty.channel.uring.IoUring.isAvailable(), "io_uring not available here");
        StubUpstream upstream = stub("web");
        SnapshotHolder holder = RoutingTables.builder()
                .cluster("web.example", endpoint("127.0.0.1", upstream.port(), 1))
                .route(GATEWAY_PORT, "example.com", "/", "web.example").holder();
        ProxyServer proxy = closer.register(ProxyServer.start(holder,
                ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).transport(kind).build()));

        assertThat(proxy.transportName()).isEqualTo(kind.flag());
        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            assertThat(client.exchange("GET /t HTTP/1.1\r\nHost: example.com\r\n\r\n").bodyText()).isEqualTo("web /t");
            assertThat(client.exchange("POST /t HTTP/1.1\r\nHost: example.com\r\nContent-Length: 3\r\n\r\nabc").status())
                    .isEqualTo(200);
        }
        assertThat(upstream.requests().get(1).bodyLength()).isEqualTo(3);
    }

    @Test
    void closeUnbindsTheListeners() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);
        int port = proxy.boundPort(GATEWAY_PORT);

        proxy.close();

        assertThat(proxy.ready()).isFalse();
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close()).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void routesByGatewayPortNotByBoundPort() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        assertThat(proxy.boundPort(GATEWAY_PORT)).as("ephemeral port").isNotEqualTo(GATEWAY_PORT);
        assertThat(proxy.ready()).isTrue();
        HttpResponse<String> response = httpClient().send(request(proxy, "/x").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownHostGets404WithEnvoysEmptyBody() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange("GET / HTTP/1.1\r\nHost: other.com\r\n\r\n");

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).isEmpty();
            assertThat(response.header("content-length")).isEqualTo("0");
            assertThat(response.header("server")).isEqualTo("istio-envoy");
            assertThat(response.header("content-type")).as("no body, no content type").isNull();
            assertThat(client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n").status())
                    .as("the connection stays usable after a local reply").isEqualTo(200);
        }
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NR);
    }

    @Test
    void unknownPathGets404() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = start(RoutingTables.builder()
                .cluster("web.example", endpoint("127.0.0.1", upstream.port(), 1))
                .route(GATEWAY_PORT, "example.com", "/api", "web.example"));

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            assertThat(client.exchange("GET /other HTTP/1.1\r\nHost: example.com\r\n\r\n").status()).isEqualTo(404);
        }
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void postOf10MiBArrivesIntactAtTheUpstream() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);
        byte[] body = StubUpstream.bigBody();

        HttpResponse<String> response = httpClient().send(request(proxy, "/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.bodyLength()).isEqualTo(body.length);
            assertThat(recorded.bodySha256()).as("sha256 of the body the upstream read").isEqualTo(StubUpstream.sha256(body));
        });
    }

    @Test
    void chunkedPostArrivesIntactAtTheUpstream() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);
        byte[] body = StubUpstream.bigBody();

        HttpResponse<String> response = httpClient().send(request(proxy, "/upload")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(recorded.bodySha256()).isEqualTo(StubUpstream.sha256(body));
        });
    }

    @Test
    void requestSentOneByteAtATimeArrivesIntact() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            client.sendByteByByte("POST /slow HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            assertThat(client.read().bodyText()).isEqualTo("web /slow");
        }
        assertThat(upstream.requests().get(0).bodySha256())
                .isEqualTo(StubUpstream.sha256("hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void responseOf10MiBArrivesIntactAtTheClient() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        HttpResponse<byte[]> response = httpClient().send(request(proxy, "/big").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-length")).hasValue(String.valueOf(StubUpstream.BIG_SIZE));
        assertThat(StubUpstream.sha256(response.body())).isEqualTo(StubUpstream.sha256(StubUpstream.bigBody()));
    }

    @Test
    void chunkedResponseOf10MiBArrivesIntactAndChunked() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange("GET /big-chunked HTTP/1.1\r\nHost: example.com\r\n\r\n");

            assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(StubUpstream.sha256(response.body())).isEqualTo(StubUpstream.sha256(StubUpstream.bigBody()));
        }
    }

    @Test
    void hundredSequentialRequestsOnOneConnectionReuseUpstreamConnections() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            for (int i = 0; i < 100; i++) {
                RawHttpClient.Response response = client.exchange("GET /n" + i + " HTTP/1.1\r\nHost: example.com\r\n\r\n");
                assertThat(response.bodyText()).isEqualTo("web /n" + i);
            }
        }
        assertThat(upstream.requests()).hasSize(100);
        assertThat(upstream.connectionCount()).as("upstream connections for 100 keep-alive requests").isLessThanOrEqualTo(2);
    }

    @Test
    void refusedConnectionGets503UFAfterIstiosDefaultRetries() throws Exception {
        try (java.net.Socket boundNotListening = new java.net.Socket()) {
            boundNotListening.bind(new InetSocketAddress("127.0.0.1", 0));
            ProxyServer proxy = start(RoutingTables.builder()
                    .cluster("down.example", endpoint("127.0.0.1", boundNotListening.getLocalPort(), 1))
                    .route(GATEWAY_PORT, "example.com", "/", "down.example"));

            try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
                RawHttpClient.Response response = client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");

                assertThat(response.status()).isEqualTo(503);
                assertThat(response.bodyText()).as("Envoy's wording once the request was retried")
                        .isEqualTo(LocalReplies.afterRetries(LocalReplies.CONNECT_FAILURE));
                assertThat(response.header("content-type")).isEqualTo("text/plain");
            }
            assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UF);
            assertThat(proxy.counters().upstreamConnectFailures())
                    .as("Istio's default retry policy: the try and 2 retries on connect-failure").isEqualTo(3);
        }
    }

    @Test
    void clusterWithoutEndpointsGets503UH() throws Exception {
        ProxyServer proxy = start(RoutingTables.builder()
                .cluster("empty.example")
                .route(GATEWAY_PORT, "example.com", "/", "empty.example"));

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.bodyText()).isEqualTo("no healthy upstream");
        }
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UH);
    }

    @Test
    void missingClusterGets503NC() throws Exception {
        ProxyServer proxy = start(RoutingTables.builder().route(GATEWAY_PORT, "example.com", "/", "nowhere.example"));

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            assertThat(client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n").status()).isEqualTo(503);
        }
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NC);
    }

    @Test
    void hopByHopHeadersStayAndForwardedHeadersAreAdded() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\nConnection: keep-alive, x-foo\r\nx-foo: 1\r\n"
                    + "Keep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nUpgrade: h2c\r\nTE: trailers, deflate\r\n"
                    + "x-forwarded-for: 10.0.0.1\r\nx-keep: yes\r\n\r\n");
        }
        StubUpstream.Recorded recorded = upstream.requests().get(0);
        assertThat(recorded.headers()).as("hop-by-hop headers reaching the upstream")
                .doesNotContainKeys("x-foo", "keep-alive", "proxy-connection", "upgrade");
        assertThat(recorded.header("connection")).as("connection header at the upstream").isNull();
        assertThat(recorded.header("te")).isEqualTo("trailers");
        assertThat(recorded.header("x-keep")).isEqualTo("yes");
        assertThat(recorded.header("x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(recorded.header("x-forwarded-proto")).isEqualTo("http");
        assertThat(recorded.header("x-request-id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void existingRequestIdIsKept() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\nx-request-id: abc-123\r\n\r\n");
        }
        assertThat(upstream.requests().get(0).header("x-request-id")).isEqualTo("abc-123");
        assertThat(upstream.requests().get(0).header("x-forwarded-for")).isEqualTo("127.0.0.1");
    }

    @Test
    void malformedUpstreamResponseGets502UPE() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.replying("HTTP/1.1 two hundred OK\r\n\r\n")) {
            ProxyServer proxy = proxyToScripted(upstream.port());

            try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
                RawHttpClient.Response response = client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");

                assertThat(response.status()).isEqualTo(502);
                assertThat(response.bodyText()).isEqualTo(LocalReplies.PROTOCOL_ERROR);
            }
            assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UPE);
        }
    }

    @Test
    void connectGets404NRAndNeverReachesTheUpstream() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange("CONNECT / HTTP/1.1\r\nHost: example.com\r\n\r\n");

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(client.isClosedByPeer()).as("closed after refusing a tunnel").isTrue();
        }
        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            assertThat(client.exchange("GET /after HTTP/1.1\r\nHost: example.com\r\n\r\n").bodyText()).isEqualTo("web /after");
        }
        assertThat(upstream.requests()).extracting(StubUpstream.Recorded::method).as("methods the upstream saw")
                .containsExactly("GET");
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NR);
    }

    @Test
    void upstreamSwitchingProtocolsUnaskedGets502UPE() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.replyingAndStayingOpen(
                "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")) {
            ProxyServer proxy = proxyToScripted(upstream.port());

            try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
                RawHttpClient.Response response = client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");

                assertThat(response.status()).as("no upgrade was asked for").isEqualTo(502);
                assertThat(response.bodyText()).isEqualTo(LocalReplies.PROTOCOL_ERROR);
            }
            assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UPE);
            assertThat(proxy.counters().upstreamProtocolErrors()).isEqualTo(1);
        }
    }

    @Test
    void upstreamClosingBeforeTheResponseHeadGets503UC() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.replying("")) {
            ProxyServer proxy = proxyToScripted(upstream.port());

            try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
                RawHttpClient.Response response = client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");

                assertThat(response.status()).isEqualTo(503);
                assertThat(response.bodyText()).isEqualTo(LocalReplies.CONNECTION_TERMINATION);
            }
            assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UC);
        }
    }

    @Test
    void upstreamDyingMidBodyClosesTheClientConnection() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.replying("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly-part")) {
            ProxyServer proxy = proxyToScripted(upstream.port());

            try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
                client.send("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
                assertThatThrownBy(client::read).as("a response cut short").isInstanceOf(java.io.IOException.class);
            }
            assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UC);
        }
    }

    @Test
    void bodylessRequestOnAPooledConnectionTheUpstreamClosedIsRetriedOnANewOne() throws Exception {
        try (ClosingAfterOneResponseUpstream upstream = new ClosingAfterOneResponseUpstream()) {
            ProxyServer proxy = start(RoutingTables.builder()
                    .cluster("flaky.example", endpoint("127.0.0.1", upstream.port(), 1))
                    .route(GATEWAY_PORT, "example.com", "/", "flaky.example"));

            try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
                assertThat(client.exchange("GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n").status()).isEqualTo(200);
                assertThat(client.exchange("GET /2 HTTP/1.1\r\nHost: example.com\r\n\r\n").status())
                        .as("second request, first sent on the pooled connection").isEqualTo(200);
            }
            assertThat(upstream.connections()).isEqualTo(2);
        }
    }

    @Test
    void requestWithBodyOnAPooledConnectionTheUpstreamClosedGets503UC() throws Exception {
        try (ClosingAfterOneResponseUpstream upstream = new ClosingAfterOneResponseUpstream()) {
            ProxyServer proxy = start(RoutingTables.builder()
                    .cluster("flaky.example", endpoint("127.0.0.1", upstream.port(), 1))
                    .route(GATEWAY_PORT, "example.com", "/", "flaky.example"));

            try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
                assertThat(client.exchange("GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n").status()).isEqualTo(200);
                RawHttpClient.Response response = client.exchange(
                        "POST /2 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 2\r\n\r\nhi");
                assertThat(response.status()).as("a body cannot be replayed").isEqualTo(503);
            }
            assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NONE);
            assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UC);
        }
    }

    @Test
    void bodylessPutOrDeleteOnAPooledConnectionTheUpstreamClosedIsNotRetried() throws Exception {
        for (String method : new String[] {"PUT", "DELETE", "POST"}) {
            try (ClosingAfterOneResponseUpstream upstream = new ClosingAfterOneResponseUpstream()) {
                ProxyServer proxy = start(RoutingTables.builder()
                        .cluster("flaky.example", endpoint("127.0.0.1", upstream.port(), 1))
                        .route(GATEWAY_PORT, "example.com", "/", "flaky.example"));

                try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
                    assertThat(client.exchange("GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n").status()).isEqualTo(200);
                    assertThat(client.exchange(method + " /2 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n")
                            .status()).as("%s: the upstream may have acted on it", method).isEqualTo(503);
                }
                assertThat(upstream.connections()).as("%s: upstream connections", method).isEqualTo(1);
                assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NONE);
                assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UC);
            }
        }
    }

    @Test
    void getOnAPooledConnectionClosedAfterPartOfAResponseIsNotRetried() throws Exception {
        try (ClosingAfterOneResponseUpstream upstream = new ClosingAfterOneResponseUpstream("HTTP/1.1 2")) {
            ProxyServer proxy = start(RoutingTables.builder()
                    .cluster("flaky.example", endpoint("127.0.0.1", upstream.port(), 1))
                    .route(GATEWAY_PORT, "example.com", "/", "flaky.example"));

            try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
                assertThat(client.exchange("GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n").status()).isEqualTo(200);
                assertThat(client.exchange("GET /2 HTTP/1.1\r\nHost: example.com\r\n\r\n").status())
                        .as("the upstream had started answering").isEqualTo(503);
            }
            assertThat(upstream.connections()).isEqualTo(1);
        }
    }

    @Test
    void connectionCloseIsHonouredAfterTheResponse() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void pipelinedRequestAfterConnectionCloseIsNotForwarded() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            client.send("GET /first HTTP/1.1\r\nHost: other.com\r\nConnection: close\r\n\r\n"
                    + "DELETE /after-close HTTP/1.1\r\nHost: example.com\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(404);
            assertThat(client.isClosedByPeer()).as("closed after the response that said so").isTrue();
        }
        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            assertThat(client.exchange("GET /marker HTTP/1.1\r\nHost: example.com\r\n\r\n").status()).isEqualTo(200);
        }
        assertThat(upstream.requests()).extracting(StubUpstream.Recorded::uri).as("requests the upstream saw")
                .containsExactly("/marker");
        assertThat(outcomes.next().path()).isEqualTo("/first");
        assertThat(outcomes.next().path()).as("the exchange after /first").isEqualTo("/marker");
    }

    @Test
    void http10RequestGetsAResponseAndTheConnectionCloses() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange("GET /old HTTP/1.0\r\nHost: example.com\r\n\r\n");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("web /old");
            assertThat(client.isClosedByPeer()).isTrue();
        }
        assertThat(upstream.requests().get(0).header("connection")).as("upstream request stays keep-alive").isNull();
    }

    @Test
    void http10KeepAliveRequestKeepsTheConnection() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response first = client.exchange("GET /a HTTP/1.0\r\nHost: example.com\r\nConnection: keep-alive\r\n\r\n");
            RawHttpClient.Response second = client.exchange("GET /b HTTP/1.0\r\nHost: example.com\r\nConnection: keep-alive\r\n\r\n");

            assertThat(first.header("connection")).isEqualTo("keep-alive");
            assertThat(second.bodyText()).isEqualTo("web /b");
        }
    }

    @Test
    void http10ClientGetsAChunkedUpstreamResponseCloseDelimited() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange(
                    "GET /big-chunked HTTP/1.0\r\nHost: example.com\r\nConnection: keep-alive\r\n\r\n");

            assertThat(response.header("transfer-encoding")).as("HTTP/1.0 has no chunked coding").isNull();
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(response.body()).hasSize(StubUpstream.BIG_SIZE);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            client.send("GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n"
                    + "GET /2 HTTP/1.1\r\nHost: other.com\r\n\r\n"
                    + "POST /3 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 5\r\n\r\nhello"
                    + "HEAD /4 HTTP/1.1\r\nHost: example.com\r\n\r\n"
                    + "GET /5 HTTP/1.1\r\nHost: example.com\r\n\r\n");

            assertThat(client.read().bodyText()).isEqualTo("web /1");
            assertThat(client.read().status()).isEqualTo(404);
            assertThat(client.read().bodyText()).isEqualTo("web /3");
            RawHttpClient.Response head = client.read("HEAD");
            assertThat(head.status()).isEqualTo(200);
            assertThat(client.read().bodyText()).isEqualTo("web /5");
        }
        assertThat(upstream.requests()).extracting(StubUpstream.Recorded::uri).containsExactly("/1", "/3", "/4", "/5");
    }

    @Test
    void pipelinedRequestExpectingContinueGetsItsContinueAfterThePreviousResponse() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            client.send("GET /big HTTP/1.1\r\nHost: example.com\r\n\r\n"
                    + "POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");

            RawHttpClient.Response big = client.read();
            assertThat(big.status()).isEqualTo(200);
            assertThat(StubUpstream.sha256(big.body())).as("the first response, uninterrupted")
                    .isEqualTo(StubUpstream.sha256(StubUpstream.bigBody()));
            assertThat(client.read().status()).as("then the 100 of the pipelined request").isEqualTo(100);
            client.send("hello");
            assertThat(client.read().bodyText()).isEqualTo("web /upload");
        }
        assertThat(upstream.requests().get(1).bodyLength()).isEqualTo(5);
        assertThat(upstream.requests().get(1).header("expect")).as("expect at the upstream: answered by the proxy").isNull();
    }

    @Test
    void malformedRequestGets400AndTheConnectionCloses() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\nbad header\r\n\r\n");

            assertThat(response.status()).isEqualTo(400);
            assertThat(client.isClosedByPeer()).isTrue();
        }
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.DPE);
    }

    @Test
    void oversizedRequestHeadGets431() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\nx-big: "
                    + "a".repeat(61 * 1024) + "\r\n\r\n");

            assertThat(response.status()).isEqualTo(431);
        }
    }

    @Test
    void http11RequestWithoutHostGets400() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            assertThat(client.exchange("GET / HTTP/1.1\r\n\r\n").status()).isEqualTo(400);
        }
    }

    @Test
    void requestWithTwoHostsGets400AndIsNotForwarded() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange(
                    "GET / HTTP/1.1\r\nHost: example.com\r\nHost: internal.example\r\n\r\n");

            assertThat(response.status()).isEqualTo(400);
            assertThat(client.isClosedByPeer()).isTrue();
        }
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.DPE);
        assertThat(upstream.requests()).as("requests the upstream saw").isEmpty();
    }

    @Test
    void absoluteFormTargetIsRoutedByItsAuthorityAndSentInOriginForm() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = client.exchange(
                    "GET http://example.com/abs?q=1 HTTP/1.1\r\nHost: ignored.com\r\n\r\n");
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(upstream.requests().get(0).uri()).isEqualTo("/abs?q=1");
        assertThat(upstream.requests().get(0).header("host")).isEqualTo("example.com");
    }

    @Test
    void clientClosingMidRequestIsRecordedAsDC() throws Exception {
        StubUpstream upstream = stub("web");
        ProxyServer proxy = proxyTo(upstream);

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            client.send("POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Length: 100000\r\n\r\npartial");
        }
        ExchangeOutcome outcome = outcomes.next();
        assertThat(outcome.flag()).isEqualTo(ResponseFlag.DC);
        assertThat(proxy.counters().downstreamClosedEarly()).isEqualTo(1);
    }

    @Test
    void bindFailureNamesThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            SnapshotHolder holder = RoutingTables.builder().route(port, "example.com", "/", "web.example").holder();
            ProxyServerOptions options = ProxyServerOptions.builder().bindHost("127.0.0.1").workerThreads(1).build();

            assertThatThrownBy(() -> ProxyServer.start(holder, options))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("port " + port + ": Address already in use");
        }
    }
}
