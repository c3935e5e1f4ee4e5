package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static io.foresail.core.testing.RoutingTables.mirroring;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.ForwardPolicy;
import io.foresail.config.table.Percentage;
import io.foresail.config.table.RetryPolicy;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.core.proxy.ProxyCounters;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.ManualClock;
import io.foresail.core.testing.MapTlsContexts;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.StubUpstream;
import io.foresail.core.testing.TlsStubUpstream;
import io.foresail.core.upstream.TicketSource;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request mirroring ({@code mirror}/{@code mirrors}, Envoy's shadow requests) end to end: a table
 * built in code with mirrors on its route, the proxy on an ephemeral port, the JDK's HTTP client,
 * and what the primary and mirror upstreams received. The client always gets the primary's answer,
 * whatever the mirror does.
 */
class RequestMirrorIT {

    private static final int GATEWAY_PORT = 8080;
    /** The routes' domain: any Host, so that the JDK client may name the proxy by its address. */
    private static final String DOMAIN = "*";
    /** The Host of the TLS mirror's requests, sent as its SNI and named by its certificate. */
    private static final String TLS_HOST = "shop.example";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The pieces a paced client writes a large body in. */
    private static final int PIECE = 64 * 1024;
    /** How far a paced client may run ahead of the mirror's reads: well under the proxy's 1 MiB bound. */
    private static final int PACING_SLACK = 256 * 1024;

    @RegisterExtension
    final Closer closer = new Closer();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private StubUpstream primary;
    private ProxyServer proxy;

    private RoutingTables tables() throws Exception {
        primary = closer.register(StubUpstream.start("primary"));
        return RoutingTables.builder().cluster("primary.example", endpoint("127.0.0.1", primary.port(), 1));
    }

    private StubUpstream stub(String name) throws Exception {
        return closer.register(StubUpstream.start(name));
    }

    private ProxyServer start(SnapshotHolder holder, ProxyServerOptions.Builder options) {
        proxy = closer.register(ProxyServer.start(holder, options.ephemeralPorts(true).workerThreads(1).build()));
        return proxy;
    }

    private ProxyServer start(RoutingTables tables) {
        return start(tables.holder(), ProxyServerOptions.builder());
    }

    private HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.boundPort(GATEWAY_PORT) + target))
                .timeout(WAIT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String target) throws Exception {
        return send(request(target));
    }

    private ProxyCounters counters() {
        return proxy.counters();
    }

    /** Polls {@code value} until it reaches {@code expected} or {@link #WAIT} passes. */
    private static void awaitAtLeast(LongSupplier value, long expected, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (value.getAsLong() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(value.getAsLong()).as(what).isGreaterThanOrEqualTo(expected);
    }

    private static List<StubUpstream.Recorded> awaitRequests(StubUpstream upstream, int count) {
        awaitAtLeast(() -> upstream.requests().size(), count, "requests received by the mirror");
        return upstream.requests();
    }

    private static void assertPrimaryAnswered(HttpResponse<String> response, String path) {
        assertThat(response.statusCode()).as("the client gets the primary's status").isEqualTo(200);
        assertThat(response.body()).as("the client gets the primary's body").isEqualTo("primary " + path);
        assertThat(response.headers().firstValue("x-upstream")).contains("primary");
    }

    // ---- what the mirror receives -------------------------------------------------------------

    @Test
    void mirrorReceivesTheHeadAsSentToThePrimaryWhileTheClientGetsThePrimarysAnswer() throws Exception {
        StubUpstream mirror = stub("mirror");
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", mirror.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS))));

        HttpResponse<String> response = get("/items?page=2");

        assertPrimaryAnswered(response, "/items");
        StubUpstream.Recorded mirrored = awaitRequests(mirror, 1).get(0);
        StubUpstream.Recorded forwarded = primary.requests().get(0);
        assertThat(mirrored.method()).isEqualTo("GET");
        assertThat(mirrored.uri()).isEqualTo("/items?page=2");
        assertThat(mirrored.header("host")).as("Host unchanged: no -shadow suffix").isEqualTo(forwarded.header("host"))
                .startsWith("127.0.0.1:");
        assertThat(mirrored.header("x-request-id")).as("the head as rewritten for the primary")
                .isNotNull().isEqualTo(forwarded.header("x-request-id"));
        assertThat(mirrored.header("x-forwarded-for")).isEqualTo(forwarded.header("x-forwarded-for"));
        assertThat(counters().mirrorRequests()).isEqualTo(1);
    }

    @Test
    void mirrorReceivesAPostBodyIntact() throws Exception {
        StubUpstream mirror = stub("mirror");
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", mirror.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS))));
        byte[] body = "{\"order\":42,\"items\":[\"tea\",\"cake\"]}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(request("/orders").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertPrimaryAnswered(response, "/orders");
        StubUpstream.Recorded mirrored = awaitRequests(mirror, 1).get(0);
        assertThat(mirrored.method()).isEqualTo("POST");
        assertThat(mirrored.header("content-type")).isEqualTo("application/json");
        assertThat(mirrored.bodyLength()).isEqualTo(body.length);
        assertThat(mirrored.bodySha256()).isEqualTo(StubUpstream.sha256(body));
        assertThat(primary.requests().get(0).bodySha256()).as("the primary's body is untouched by the mirror")
                .isEqualTo(StubUpstream.sha256(body));
    }

    @Test
    void mirrorReceivesALargeStreamedBodyIntact() throws Exception {
        StubUpstream mirror = stub("mirror");
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", mirror.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS))));
        byte[] body = StubUpstream.bigBody();

        RawHttpClient.Response response;
        try (RawHttpClient raw = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            raw.send("POST /upload HTTP/1.1\r\nHost: " + TLS_HOST + "\r\nContent-Length: " + body.length + "\r\n\r\n");
            // Paced by the mirror: the client is never more than PACING_SLACK ahead of what the mirror
            // has read, so a mirror starved of CPU on a busy machine does not fall behind by the
            // proxy's bound and get abandoned. The primary is not waited for.
            for (int offset = 0; offset < body.length; offset += PIECE) {
                awaitAtLeast(mirror::bodyBytesReceived, offset - PACING_SLACK, "body bytes the mirror has read");
                raw.send(Arrays.copyOfRange(body, offset, Math.min(body.length, offset + PIECE)));
            }
            response = raw.read("POST");
        }

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("primary /upload");
        StubUpstream.Recorded mirrored = awaitRequests(mirror, 1).get(0);
        assertThat(mirrored.bodyLength()).as("mirrored body length of a %d-byte upload", body.length).isEqualTo(body.length);
        assertThat(mirrored.bodySha256()).isEqualTo(StubUpstream.sha256(body));
        assertThat(primary.requests().get(0).bodySha256()).isEqualTo(StubUpstream.sha256(body));
        assertThat(counters().mirrorsAbandoned()).as("a mirror that keeps up is not abandoned").isZero();
    }

    @Test
    void mirrorReceivesAChunkedBodyIntact() throws Exception {
        StubUpstream mirror = stub("mirror");
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", mirror.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS))));
        byte[] body = new byte[300 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }

        // An input stream of unknown length: the JDK client sends it chunked.
        HttpResponse<String> response = send(request("/stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertPrimaryAnswered(response, "/stream");
        StubUpstream.Recorded mirrored = awaitRequests(mirror, 1).get(0);
        assertThat(mirrored.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(mirrored.bodySha256()).isEqualTo(StubUpstream.sha256(body));
    }

    @Test
    void twoMirrorsBothReceiveTheRequest() throws Exception {
        StubUpstream first = stub("first");
        StubUpstream second = stub("second");
        RoutingTables tables = tables()
                .cluster("first.example", endpoint("127.0.0.1", first.port(), 1))
                .cluster("second.example", endpoint("127.0.0.1", second.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example", mirroring(
                tables.mirror("first.example", Percentage.ALWAYS), tables.mirror("second.example", Percentage.ALWAYS))));
        byte[] body = "two copies".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(request("/both").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertPrimaryAnswered(response, "/both");
        assertThat(awaitRequests(first, 1)).singleElement().satisfies(mirrored ->
                assertThat(mirrored.bodySha256()).isEqualTo(StubUpstream.sha256(body)));
        assertThat(awaitRequests(second, 1)).singleElement().satisfies(mirrored ->
                assertThat(mirrored.bodySha256()).isEqualTo(StubUpstream.sha256(body)));
    }

    @Test
    void tlsMirrorClusterOriginatesTlsLikeThePrimary() throws Exception {
        @SuppressWarnings("deprecation") // still the simplest in-process certificate
        SelfSignedCertificate certificate = new SelfSignedCertificate(TLS_HOST);
        closer.register(certificate::delete);
        TlsStubUpstream mirror = closer.register(TlsStubUpstream.start("mirror", certificate));
        UpstreamTlsSettings tls = new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "", List.of(), false);
        RoutingTables tables = tables().tlsCluster("mirror.example", tls, endpoint("127.0.0.1", mirror.port(), 1));
        tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS)));
        start(tables.holder(new MapTlsContexts(Map.of(tls, SslContextBuilder.forClient()
                .trustManager(certificate.cert()).endpointIdentificationAlgorithm(null).build()))),
                ProxyServerOptions.builder());

        try (RawHttpClient raw = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            RawHttpClient.Response response = raw.exchange("GET /secure HTTP/1.1\r\nHost: " + TLS_HOST + "\r\n\r\n");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("primary /secure");
        }

        awaitAtLeast(() -> mirror.requests().size(), 1, "requests received by the TLS mirror");
        assertThat(mirror.requests()).singleElement().satisfies(mirrored -> {
            assertThat(mirrored.path()).isEqualTo("/secure");
            assertThat(mirrored.serverName()).as("SNI: the Host, as for a primary").isEqualTo(TLS_HOST);
        });
        assertThat(counters().mirrorFailures()).isZero();
    }

    @Test
    void mirrorConnectionGoesBackToThePoolAfterItsResponse() throws Exception {
        StubUpstream mirror = stub("mirror");
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", mirror.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS))));

        for (int i = 1; i <= 3; i++) {
            assertPrimaryAnswered(get("/again"), "/again");
            awaitAtLeast(counters()::mirrorResponses, i, "mirror responses read to their end");
        }

        assertThat(mirror.requests()).hasSize(3);
        assertThat(mirror.connectionCount()).as("mirror connections for 3 sequential mirrored requests").isEqualTo(1);
    }

    // ---- which requests are mirrored ----------------------------------------------------------

    @Test
    void percentageZeroNeverMirrors() throws Exception {
        StubUpstream mirror = stub("mirror");
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", mirror.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.NEVER))));

        for (int i = 0; i < 5; i++) {
            assertPrimaryAnswered(get("/never"), "/never");
        }

        assertThat(counters().mirrorRequests()).as("mirrors start with the request, before its answer").isZero();
        assertThat(mirror.requests()).isEmpty();
    }

    @Test
    void scriptedTicketsChooseWhichRequestsAreMirrored() throws Exception {
        StubUpstream mirror = stub("mirror");
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", mirror.port(), 1));
        tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ofPercent(50))));
        int[] script = {0, 500_000, 499_999, 999_999};
        AtomicInteger drawn = new AtomicInteger();
        AtomicInteger otherBounds = new AtomicInteger();
        TicketSource tickets = bound -> {
            if (bound != Percentage.SCALE) {
                otherBounds.incrementAndGet();
            }
            return script[drawn.getAndIncrement()];
        };
        start(tables.holder(), ProxyServerOptions.builder().tickets(tickets));

        for (String path : List.of("/1", "/2", "/3", "/4")) {
            assertPrimaryAnswered(get(path), path);
        }

        assertThat(drawn).as("one draw per request").hasValue(4);
        assertThat(otherBounds).as("draws not in parts per million").hasValue(0);
        assertThat(counters().mirrorRequests()).as("tickets below 500000 of 1000000 mirror").isEqualTo(2);
        awaitAtLeast(counters()::mirrorResponses, 2, "mirror responses");
        assertThat(mirror.requests()).extracting(StubUpstream.Recorded::uri).containsExactly("/1", "/3");
    }

    @Test
    void mirrorWithoutAClusterMirrorsNothingAndIsNoError() throws Exception {
        RoutingTables tables = tables();
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("missing.example", Percentage.ALWAYS))));

        assertPrimaryAnswered(get("/lonely"), "/lonely");

        assertThat(counters().mirrorRequests()).isZero();
        assertThat(counters().mirrorFailures()).isZero();
        assertThat(counters().unexpectedErrors()).isZero();
    }

    @Test
    void requestWhosePrimaryHasNoEndpointIsNotMirrored() throws Exception {
        StubUpstream mirror = stub("mirror");
        RoutingTables tables = RoutingTables.builder().cluster("empty.example")
                .cluster("mirror.example", endpoint("127.0.0.1", mirror.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "empty.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS))));

        HttpResponse<String> response = get("/nowhere");

        assertThat(response.statusCode()).as("503 UH from the primary's empty cluster").isEqualTo(503);
        assertThat(counters().mirrorRequests()).as("Envoy shadows only what it forwards").isZero();
        assertThat(mirror.requests()).isEmpty();
    }

    // ---- a mirror never changes the client's answer -------------------------------------------

    @Test
    void mirrorThatRefusesConnectionsDoesNotChangeTheClientsResponse() throws Exception {
        // A port held by a bound socket that does not listen: connections to it are refused.
        Socket refusing = closer.register(new Socket());
        refusing.bind(new InetSocketAddress("127.0.0.1", 0));
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", refusing.getLocalPort(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS))));

        assertPrimaryAnswered(send(request("/refused").POST(HttpRequest.BodyPublishers.ofString("body"))), "/refused");

        awaitAtLeast(counters()::mirrorFailures, 1, "failed mirror connects counted");
        assertThat(counters().upstreamConnectFailures()).as("the primary's counter is not the mirror's").isZero();
        assertThat(counters().unexpectedErrors()).isZero();
    }

    @Test
    void mirrorThatNeverAnswersDoesNotDelayTheClientsResponse() throws Exception {
        NonReadingUpstream silent = closer.register(new NonReadingUpstream());
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", silent.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS))));

        // Bounded by the request timeout: a client held up by the mirror would fail here.
        assertPrimaryAnswered(get("/silent"), "/silent");
        assertPrimaryAnswered(get("/silent"), "/silent");

        assertThat(counters().mirrorRequests()).isEqualTo(2);
        assertThat(counters().mirrorResponses()).isZero();
    }

    @Test
    void mirrorThatFallsBehindIsAbandonedWithoutSlowingTheClient() throws Exception {
        NonReadingUpstream stuck = closer.register(new NonReadingUpstream());
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", stuck.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS))));
        byte[] body = StubUpstream.bigBody();

        HttpResponse<String> response = send(request("/upload").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertPrimaryAnswered(response, "/upload");
        assertThat(primary.requests().get(0).bodySha256()).isEqualTo(StubUpstream.sha256(body));
        awaitAtLeast(counters()::mirrorsAbandoned, 1, "a mirror that takes in nothing of a big body is given up");
        assertThat(counters().mirrorsAbandoned()).isEqualTo(1);
    }

    @Test
    void clientThatLeavesMidBodyAbandonsTheMirror() throws Exception {
        StubUpstream mirror = stub("mirror");
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", mirror.port(), 1));
        start(tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS))));

        try (RawHttpClient raw = new RawHttpClient(proxy.boundPort(GATEWAY_PORT))) {
            raw.send("POST /partial HTTP/1.1\r\nHost: " + TLS_HOST + "\r\nContent-Length: 1000\r\n\r\nonly a part");
            awaitAtLeast(counters()::mirrorRequests, 1, "mirrors started");
        }

        awaitAtLeast(counters()::mirrorsAbandoned, 1, "a mirror whose request can never end is given up");
        assertThat(counters().mirrorResponses()).isZero();
    }

    // ---- a mirror's time bound ----------------------------------------------------------------

    @Test
    void mirrorIsAbandonedWhenTheRouteTimeoutPasses() throws Exception {
        ManualClock clock = new ManualClock();
        NonReadingUpstream silent = closer.register(new NonReadingUpstream());
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", silent.port(), 1));
        tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example", new ForwardPolicy(Optional.empty(),
                Optional.empty(), Optional.of(Duration.ofSeconds(2)), RetryPolicy.ISTIO_DEFAULT,
                List.of(tables.mirror("mirror.example", Percentage.ALWAYS))));
        start(tables.holder(), ProxyServerOptions.builder().clock(clock));

        assertPrimaryAnswered(get("/slow"), "/slow");
        clock.awaitPending(1, WAIT);
        clock.advance(Duration.ofMillis(1999));
        assertThat(clock.pending()).as("the mirror's timer before the route timeout").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));

        awaitAtLeast(counters()::mirrorsAbandoned, 1, "mirrors abandoned at the route timeout");
        assertThat(counters().mirrorFailures()).isZero();
    }

    @Test
    void mirrorWithoutARouteTimeoutIsAbandonedAfterThirtySeconds() throws Exception {
        ManualClock clock = new ManualClock();
        NonReadingUpstream silent = closer.register(new NonReadingUpstream());
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", silent.port(), 1));
        tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS)));
        start(tables.holder(), ProxyServerOptions.builder().clock(clock));

        assertPrimaryAnswered(get("/slow"), "/slow");
        clock.awaitPending(1, WAIT);
        clock.advance(Duration.ofSeconds(29));
        assertThat(clock.pending()).as("the mirror's timer before its default bound").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));

        awaitAtLeast(counters()::mirrorsAbandoned, 1, "mirrors abandoned at the default bound");
    }

    @Test
    void mirrorThatAnswersCancelsItsTimer() throws Exception {
        ManualClock clock = new ManualClock();
        StubUpstream mirror = stub("mirror");
        RoutingTables tables = tables().cluster("mirror.example", endpoint("127.0.0.1", mirror.port(), 1));
        tables.routeWithPolicy(GATEWAY_PORT, DOMAIN, "/", "primary.example",
                mirroring(tables.mirror("mirror.example", Percentage.ALWAYS)));
        start(tables.holder(), ProxyServerOptions.builder().clock(clock));

        assertPrimaryAnswered(get("/quick"), "/quick");
        awaitAtLeast(counters()::mirrorResponses, 1, "mirror responses");

        assertThat(clock.pending()).as("timers left once the mirror's response ended").isZero();
    }
}
