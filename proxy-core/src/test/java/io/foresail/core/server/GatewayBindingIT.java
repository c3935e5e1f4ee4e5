package io.foresail.core.server;

import static io.foresail.core.testing.YamlSnapshots.staticService;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.Outcomes;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.StubUpstream;
import io.foresail.core.testing.YamlSnapshots;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway binding and virtual-host choice end to end: Istio YAML through the real loader, a proxy
 * on an ephemeral port, raw HTTP/1.1 requests, stub upstreams that say who answered.
 */
class GatewayBindingIT {

    private static final int PORT = 8081;

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path folder;

    private final Outcomes outcomes = new Outcomes();

    private static String gateway(String name, String selector, String... hosts) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: %s, namespace: istio-ingress}
                spec:
                  selector: {istio: %s}
                  servers:
                  - port: {number: %d, name: http, protocol: HTTP}
                    hosts: [%s]
                ---
                """.formatted(name, selector, PORT, String.join(", ", hosts));
    }

    private static String virtualService(String name, String gateway, String host, String http) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s, namespace: apps}
                spec:
                  hosts: ["%s"]
                  gateways: [istio-ingress/%s]
                  http:
                %s
                ---
                """.formatted(name, host, gateway, http.indent(2).stripTrailing());
    }

    private static String toHost(String host) {
        return "- route: [{destination: {host: " + host + "}}]";
    }

    /** Starts a proxy on {@code yaml}; empty {@code labels}: no labels given, every Gateway applies. */
    private ProxyServer start(Map<String, String> labels, String yaml) {
        SnapshotHolder holder = YamlSnapshots.load(folder, labels.isEmpty() ? Optional.empty() : Optional.of(labels), yaml);
        ProxyServerOptions options = ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build();
        return closer.register(ProxyServer.start(holder, options, outcomes));
    }

    private StubUpstream stub(String name) throws Exception {
        return closer.register(StubUpstream.start(name));
    }

    private static RawHttpClient.Response get(ProxyServer proxy, String host, String path) throws Exception {
        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(PORT))) {
            return client.exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        }
    }

    @Test
    void hostsOfTwoGatewaysMergedOnOnePortReachTheirOwnBackends() throws Exception {
        StubUpstream www = stub("www");
        StubUpstream admin = stub("admin");
        ProxyServer proxy = start(Map.of("istio", "production"), staticService("www.local", www)
                + staticService("admin.local", admin)
                + gateway("public", "production", "\"www.example.com\"")
                + gateway("private", "production", "\"admin.example.com\"")
                + virtualService("www", "public", "www.example.com", toHost("www.local"))
                + virtualService("admin", "private", "admin.example.com", toHost("admin.local")));

        assertThat(get(proxy, "www.example.com", "/").bodyText()).as("public gateway's host").startsWith("www ");
        assertThat(get(proxy, "admin.example.com", "/").bodyText()).as("private gateway's host, same port")
                .startsWith("admin ");
    }

    @Test
    void hostOfAGatewayWhoseSelectorDoesNotMatchTheLabelsGets404NoRoute() throws Exception {
        StubUpstream www = stub("www");
        ProxyServer proxy = start(Map.of("istio", "production"), staticService("www.local", www)
                + gateway("production", "production", "\"www.example.com\"")
                + gateway("staging", "staging", "\"www.staging.example.com\"")
                + virtualService("www", "production", "www.example.com", toHost("www.local"))
                + virtualService("staging", "staging", "www.staging.example.com", toHost("www.local")));

        RawHttpClient.Response response = get(proxy, "www.staging.example.com", "/");

        assertThat(response.status()).as("staging Gateway is not served by a production proxy").isEqualTo(404);
        assertThat(outcomes.next()).extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.NR);
        assertThat(www.requests()).isEmpty();
    }

    @Test
    void portAndCaseOfTheHostAreIgnoredWhenChoosingTheVirtualHost() throws Exception {
        StubUpstream www = stub("www");
        ProxyServer proxy = start(Map.of(), staticService("www.local", www)
                + gateway("edge", "x", "\"*\"")
                + virtualService("www", "edge", "www.example.com", toHost("www.local")));

        assertThat(get(proxy, "WWW.Example.COM:" + PORT, "/").status()).isEqualTo(200);
        assertThat(get(proxy, "www.example.com:1", "/").status()).as("any port").isEqualTo(200);
    }

    @Test
    void exactVirtualHostWithoutAMatchingRouteDoesNotFallThroughToTheWildcard() throws Exception {
        StubUpstream api = stub("api");
        StubUpstream fallback = stub("fallback");
        ProxyServer proxy = start(Map.of(), staticService("api.local", api) + staticService("fallback.local", fallback)
                + gateway("edge", "x", "\"*\"")
                + virtualService("api", "edge", "api.example.com",
                "- match: [{uri: {prefix: /v1}}]\n  route: [{destination: {host: api.local}}]")
                + virtualService("any", "edge", "*.example.com", toHost("fallback.local")));

        assertThat(get(proxy, "api.example.com", "/v1/x").bodyText()).startsWith("api ");
        assertThat(get(proxy, "api.example.com", "/other").status())
                .as("api.example.com has no route for /other; *.example.com is not consulted").isEqualTo(404);
        assertThat(get(proxy, "web.example.com", "/other").bodyText()).startsWith("fallback ");
        assertThat(fallback.requests()).hasSize(1);
    }

    @Test
    void longestWildcardSuffixWinsOverShorterOnesAndStar() throws Exception {
        StubUpstream eu = stub("eu");
        StubUpstream all = stub("all");
        StubUpstream star = stub("star");
        ProxyServer proxy = start(Map.of(), staticService("eu.local", eu) + staticService("all.local", all)
                + staticService("star.local", star)
                + gateway("edge", "x", "\"*\"")
                + virtualService("all", "edge", "*.example.com", toHost("all.local"))
                + virtualService("eu", "edge", "*.eu.example.com", toHost("eu.local"))
                + virtualService("star", "edge", "*", toHost("star.local")));

        assertThat(get(proxy, "shop.eu.example.com", "/").bodyText()).startsWith("eu ");
        assertThat(get(proxy, "shop.us.example.com", "/").bodyText()).startsWith("all ");
        assertThat(get(proxy, "example.com", "/").bodyText()).as("*.example.com does not match example.com")
                .startsWith("star ");
    }

    @Test
    void undefinedSubsetAnswers503NoClusterAndEmptySubsetAnswers503NoHealthyUpstream() throws Exception {
        StubUpstream v1 = stub("v1");
        ProxyServer proxy = start(Map.of(), staticService("svc.local", v1)
                + """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: svc}
                spec:
                  host: svc.local
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  - {name: v9, labels: {version: v9}}
                ---
                """
                + gateway("edge", "x", "\"*\"")
                + virtualService("svc", "edge", "*", """
                        - match: [{uri: {prefix: /missing}}]
                          route: [{destination: {host: svc.local, subset: nope}}]
                        - match: [{uri: {prefix: /empty}}]
                          route: [{destination: {host: svc.local, subset: v9}}]
                        - route: [{destination: {host: svc.local, subset: v1}}]"""));

        assertThat(get(proxy, "a.example.com", "/missing").status()).isEqualTo(503);
        assertThat(outcomes.next()).extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.NC);
        RawHttpClient.Response empty = get(proxy, "a.example.com", "/empty");
        assertThat(empty.status()).isEqualTo(503);
        assertThat(empty.bodyText()).isEqualTo("no healthy upstream");
        assertThat(outcomes.next()).extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.UH);
        assertThat(get(proxy, "a.example.com", "/ok").bodyText()).startsWith("v1 ");
    }

    @Test
    void endpointWeightsShareRequestsInProportion() throws Exception {
        StubUpstream heavy = stub("heavy");
        StubUpstream light = stub("light");
        ProxyServer proxy = start(Map.of(), """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: svc}
                spec:
                  hosts: [svc.local]
                  resolution: STATIC
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  endpoints:
                  - {address: 127.0.0.1, ports: {http: %d}, weight: 3}
                  - {address: 127.0.0.1, ports: {http: %d}, weight: 1}
                ---
                """.formatted(heavy.port(), light.port())
                + gateway("edge", "x", "\"*\"")
                + virtualService("svc", "edge", "*", toHost("svc.local")));

        try (RawHttpClient client = new RawHttpClient(proxy.boundPort(PORT))) {
            for (int i = 0; i < 40; i++) {
                assertThat(client.exchange("GET / HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(200);
            }
        }

        assertThat(heavy.requests()).as("weight 3 of 4 over 40 requests on one event loop (smooth round robin)")
                .hasSize(30);
        assertThat(light.requests()).hasSize(10);
    }
}
