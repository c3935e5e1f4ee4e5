package io.foresail.core.router;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.CertificateFiles;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsVersion;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.testing.RoutingTables;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final int PORT = 8080;

    private final ProxySnapshot snapshot = new ProxySnapshot(RoutingTables.builder()
            .cluster("web.example", endpoint("10.0.0.1", 80, 1))
            .cluster("empty.example")
            .route(PORT, "example.com", "/api", "web.example")
            .route(PORT, "example.com", "/empty", "empty.example")
            .route(PORT, "example.com", "/missing", "missing.example")
            .build(), 7);

    private final Router router = new Router(bound -> 0);

    private static RequestHeadView head(String authority, String target) {
        return new RequestHeadView(HttpMethod.GET, authority, target, RequestTargets.path(target), new DefaultHttpHeaders());
    }

    @Test
    void matchingHostAndPathForwardToTheRoutesCluster() {
        RouteDecision decision = router.route(snapshot, PORT, head("example.com", "/api/users"));

        assertThat(decision).isInstanceOfSatisfying(RouteDecision.Forward.class, forward -> {
            assertThat(forward.cluster().name()).isEqualTo(RoutingTables.clusterName("web.example"));
            assertThat(forward.destination().host()).isEqualTo("web.example");
        });
    }

    @Test
    void portInTheHostHeaderIsIgnored() {
        assertThat(router.route(snapshot, PORT, head("Example.COM:8080", "/api"))).isInstanceOf(RouteDecision.Forward.class);
    }

    @Test
    void queryIsNotPartOfThePathMatched() {
        assertThat(router.route(snapshot, PORT, head("example.com", "/api?x=/empty"))).isInstanceOfSatisfying(
                RouteDecision.Forward.class,
                forward -> assertThat(forward.cluster().name()).isEqualTo(RoutingTables.clusterName("web.example")));
    }

    @Test
    void unknownHostIsA404WithFlagNRAndNoBody() {
        RouteDecision decision = router.route(snapshot, PORT, head("other.com", "/api"));

        assertThat(decision).isEqualTo(new RouteDecision.LocalReply(HttpResponseStatus.NOT_FOUND, ResponseFlag.NR, ""));
    }

    @Test
    void unknownPathIsA404WithFlagNR() {
        assertThat(router.route(snapshot, PORT, head("example.com", "/nothing"))).isEqualTo(Router.NO_ROUTE);
    }

    @Test
    void portWithoutListenerIsA404() {
        assertThat(router.route(snapshot, 9999, head("example.com", "/api"))).isEqualTo(Router.NO_ROUTE);
    }

    @Test
    void destinationWithoutClusterIsA503WithFlagNC() {
        RouteDecision decision = router.route(snapshot, PORT, head("example.com", "/missing"));

        assertThat(decision).isInstanceOfSatisfying(RouteDecision.LocalReply.class, reply -> {
            assertThat(reply.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
            assertThat(reply.flag()).isEqualTo(ResponseFlag.NC);
        });
    }

    @Test
    void clusterWithoutEndpointsIsStillForwardedForTheBalancerToReject() {
        assertThat(router.route(snapshot, PORT, head("example.com", "/empty"))).isInstanceOf(RouteDecision.Forward.class);
    }

    @Test
    void weightedDestinationsSplitExactlyByWeightOverAllTickets() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("a.example", 90);
        weights.put("b.example", 10);
        ProxySnapshot split = new ProxySnapshot(RoutingTables.builder()
                .cluster("a.example", endpoint("10.0.0.1", 80, 1))
                .cluster("b.example", endpoint("10.0.0.2", 80, 1))
                .weightedRoute(PORT, "example.com", "/", weights)
                .build(), 1);
        AtomicInteger nextTicket = new AtomicInteger();
        Router sequential = new Router(bound -> nextTicket.getAndIncrement() % bound);
        Map<String, Integer> counts = new LinkedHashMap<>();

        for (int i = 0; i < 1000; i++) {
            RouteDecision.Forward forward = (RouteDecision.Forward) sequential.route(split, PORT, head("example.com", "/"));
            counts.merge(forward.destination().host(), 1, Integer::sum);
        }

        assertThat(counts).as("destinations over 1000 consecutive tickets").containsExactly(
                Map.entry("a.example", 900), Map.entry("b.example", 100));
    }

    private final ProxySnapshot withTls = new ProxySnapshot(RoutingTables.builder()
            .cluster("web.example", endpoint("10.0.0.1", 80, 1))
            .cluster("secure.example", endpoint("10.0.0.2", 80, 1))
            .httpsRedirect(PORT, "example.com")
            .route(PORT, "example.com", "/", "web.example")
            .terminatingChain(8443, "https.8443", List.of("example.com"),
                    new ServerTlsSettings(new CertificateFiles(
                            Path.of("cert.pem"), Path.of("key.pem"), Optional.empty(), "test"),
                            Optional.empty(), TlsVersion.TLS_AUTO,
                            TlsVersion.TLS_AUTO, List.of()),
                    "*", "secure.example")
            .build(), 8);

    @Test
    void requireTlsOnPlaintextRedirectsToHttpsWithTheHostAndPathAsReceived() {
        RouteDecision decision = router.route(withTls, ConnectionRoutes.plaintext(PORT),
                head("example.com:8080", "/a?b=1"));

        assertThat(decision).isEqualTo(new RouteDecision.Redirect(HttpResponseStatus.MOVED_PERMANENTLY,
                "https://example.com:8080/a?b=1"));
    }

    @Test
    void absoluteFormTargetRedirectsWithItsOriginForm() {
        RouteDecision decision = router.route(withTls, ConnectionRoutes.plaintext(PORT),
                head("example.com", "http://example.com/a?b=1"));

        assertThat(decision).isEqualTo(new RouteDecision.Redirect(HttpResponseStatus.MOVED_PERMANENTLY,
                "https://example.com/a?b=1"));
    }

    @Test
    void tlsChainConnectionsRouteThroughTheChainsRoutes() {
        RouteDecision decision = router.route(withTls, ConnectionRoutes.tlsChain(8443, "https.8443"),
                new RequestHeadView(HttpMethod.GET, "example.com", "/a", "/a", new DefaultHttpHeaders(), true));

        assertThat(decision).isInstanceOfSatisfying(RouteDecision.Forward.class, forward ->
                assertThat(forward.destination().host()).isEqualTo("secure.example"));
    }

    @Test
    void aChainNoLongerInTheSnapshotIsA404() {
        RouteDecision decision = router.route(withTls, ConnectionRoutes.tlsChain(8443, "https.gone"),
                new RequestHeadView(HttpMethod.GET, "example.com", "/a", "/a", new DefaultHttpHeaders(), true));

        assertThat(decision).isEqualTo(Router.NO_ROUTE);
    }
}
