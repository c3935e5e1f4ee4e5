package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.MapTlsContexts;
import io.foresail.core.testing.Outcomes;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.StubUpstream;
import io.foresail.core.testing.TestCertificate;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TLS at the edge over real sockets: certificates chosen by SNI, HTTPS routed by chain, passthrough, httpsRedirect. */
class TlsEdgeIT {

    private static final int HTTPS_PORT = 8443;
    private static final int HTTP_PORT = 8080;

    private static TestCertificate exact;
    private static TestCertificate wildcard;
    private static TestCertificate fallback;
    private static TestCertificate upstreamOwn;

    @RegisterExtension
    final Closer closer = new Closer();

    @BeforeAll
    static void certificates() throws Exception {
        exact = TestCertificate.of("a.example.com");
        wildcard = TestCertificate.of("wild.b.example.com");
        fallback = TestCertificate.of("default.example.com");
        upstreamOwn = TestCertificate.of("upstream.internal");
    }

    @AfterAll
    static void deleteCertificates() {
        exact.close();
        wildcard.close();
        fallback.close();
        upstreamOwn.close();
    }

    private final MapTlsContexts contexts = new MapTlsContexts().server(exact).server(wildcard).server(fallback);

    private RoutingTables chains(StubUpstream a, StubUpstream b, StubUpstream other, boolean matchAll) {
        RoutingTables tables = RoutingTables.builder()
                .cluster("a.internal", endpoint("127.0.0.1", a.port(), 1))
                .cluster("b.internal", endpoint("127.0.0.1", b.port(), 1))
                .cluster("other.internal", endpoint("127.0.0.1", other.port(), 1))
                .terminatingChain(HTTPS_PORT, "https.a", List.of("a.example.com"), exact.settings(), "*", "a.internal")
                .terminatingChain(HTTPS_PORT, "https.b", List.of("*.b.example.com"), wildcard.settings(), "*", "b.internal");
        if (matchAll) {
            tables.terminatingChain(HTTPS_PORT, "https.default", List.of(), fallback.settings(), "*", "other.internal");
        }
        return tables;
    }

    private ProxyServer start(SnapshotHolder holder, Outcomes outcomes) {
        return closer.register(ProxyServer.start(holder,
                ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build(), outcomes));
    }

    private SSLSocket tls(ProxyServer proxy, String serverName) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        closer.register(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", proxy.boundPort(HTTPS_PORT)), 5_000);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static String servedSubject(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    @Test
    void serverNameChoosesTheCertificateOfItsChain() throws Exception {
        StubUpstream stub = closer.register(StubUpstream.start("stub"));
        ProxyServer proxy = start(chains(stub, stub, stub, true).holder(contexts), new Outcomes());

        assertThat(servedSubject(tls(proxy, "a.example.com"))).as("exact name").isEqualTo(exact.subject());
        assertThat(servedSubject(tls(proxy, "x.b.example.com"))).as("wildcard").isEqualTo(wildcard.subject());
        assertThat(servedSubject(tls(proxy, "c.example.com"))).as("no chain names it: match-all").isEqualTo(fallback.subject());
        assertThat(servedSubject(tls(proxy, null))).as("no SNI: match-all").isEqualTo(fallback.subject());
    }

    @Test
    void withoutMatchAllNoSniAndUnknownSniAreRefused() throws Exception {
        StubUpstream stub = closer.register(StubUpstream.start("stub"));
        ProxyServer proxy = start(chains(stub, stub, stub, false).holder(contexts), new Outcomes());

        assertThatThrownBy(() -> tls(proxy, null)).as("no SNI").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> tls(proxy, "c.example.com")).as("unknown SNI").isInstanceOf(IOException.class);
        assertThat(servedSubject(tls(proxy, "a.example.com"))).as("a known name still works").isEqualTo(exact.subject());
        assertThat(proxy.counters().noFilterChain()).isEqualTo(2);
    }

    @Test
    void httpsRequestsAreRoutedThroughTheRoutesOfTheirChain() throws Exception {
        StubUpstream a = closer.register(StubUpstream.start("a"));
        StubUpstream b = closer.register(StubUpstream.start("b"));
        StubUpstream other = closer.register(StubUpstream.start("other"));
        Outcomes outcomes = new Outcomes();
        ProxyServer proxy = start(chains(a, b, other, true).holder(contexts), outcomes);

        try (RawHttpClient client = new RawHttpClient(tls(proxy, "x.b.example.com"))) {
            // The Host names another chain's domain: routing follows the connection's chain, not the Host.
            RawHttpClient.Response response = client.exchange("GET /path?q=1 HTTP/1.1\r\nHost: a.example.com\r\n\r\n");

            assertThat(response.bodyText()).isEqualTo("b /path");
        }
        assertThat(b.requests()).singleElement().satisfies(request -> {
            assertThat(request.header("x-forwarded-proto")).isEqualTo("https");
            assertThat(request.uri()).isEqualTo("/path?q=1");
        });
        assertThat(outcomes.next().gatewayPort()).isEqualTo(HTTPS_PORT);
    }

    @Test
    void aChainRemovedByAReloadAnswersItsOpenConnections404() throws Exception {
        StubUpstream a = closer.register(StubUpstream.start("a"));
        StubUpstream other = closer.register(StubUpstream.start("other"));
        SnapshotHolder holder = chains(a, a, other, true).holder(contexts);
        Outcomes outcomes = new Outcomes();
        ProxyServer proxy = start(holder, outcomes);

        try (RawHttpClient client = new RawHttpClient(tls(proxy, "a.example.com"))) {
            assertThat(client.exchange("GET /before HTTP/1.1\r\nHost: a.example.com\r\n\r\n").bodyText()).isEqualTo("a /before");
            outcomes.next();
            holder.publish(new ProxySnapshot(RoutingTables.builder()
                    .cluster("other.internal", endpoint("127.0.0.1", other.port(), 1))
                    .terminatingChain(HTTPS_PORT, "https.default", List.of(), fallback.settings(), "*", "other.internal")
                    .build(), contexts, 2));

            RawHttpClient.Response after = client.exchange("GET /after HTTP/1.1\r\nHost: a.example.com\r\n\r\n");

            assertThat(after.status()).as("the connection's chain is gone").isEqualTo(404);
        }
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NR);
    }

    @Test
    void passthroughDeliversTheUpstreamsOwnCertificate() throws Exception {
        EchoUpstream upstream = closer.register(EchoUpstream.tls(upstreamOwn));
        StubUpstream stub = closer.register(StubUpstream.start("stub"));
        ProxyServer proxy = start(chains(stub, stub, stub, true)
                .cluster("upstream.internal", endpoint("127.0.0.1", upstream.port(), 1))
                .passthroughChain(HTTPS_PORT, "tls.pass", List.of("pass.example.com"), "upstream.internal")
                .holder(contexts), new Outcomes());

        SSLSocket socket = tls(proxy, "pass.example.com");

        assertThat(servedSubject(socket)).as("the upstream's certificate, not one of the proxy's")
                .isEqualTo(upstreamOwn.subject());
        socket.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        assertThat(new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(contexts.asked()).as("the proxy terminated nothing").isEmpty();
    }

    @Test
    void httpsRedirectAnswers301WithTheHostAsReceivedBeforeAnyRoute() throws Exception {
        StubUpstream stub = closer.register(StubUpstream.start("stub"));
        ProxyServer proxy = start(RoutingTables.builder()
                .cluster("web.internal", endpoint("127.0.0.1", stub.port(), 1))
                .httpsRedirect(HTTP_PORT, "example.com")
                .route(HTTP_PORT, "example.com", "/", "web.internal")
                .holder(), new Outcomes());

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(HTTP_PORT))) {
            RawHttpClient.Response response = client.exchange(
                    "GET /a/./b?x=1&y HTTP/1.1\r\nHost: example.com:8080\r\n\r\n");

            assertThat(response.status()).isEqualTo(301);
            assertThat(response.header("location")).as("Envoy: https:// + Host (port kept) + normalised path and query")
                    .isEqualTo("https://example.com:8080/a/b?x=1&y");
            assertThat(response.header("content-length")).isEqualTo("0");
            assertThat(client.exchange("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n").header("location"))
                    .as("the connection stays open").isEqualTo("https://example.com/");
        }
        assertThat(stub.requests()).as("no route was consulted").isEmpty();
    }
}
