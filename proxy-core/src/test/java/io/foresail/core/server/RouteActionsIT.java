package io.foresail.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.StubUpstream;
import io.foresail.core.testing.YamlSnapshots;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rewrite}, {@code headers}, {@code redirect} and {@code directResponse} end to end: a
 * table compiled from Istio YAML, the proxy on an ephemeral port, the JDK's HTTP client, and what
 * the stub upstreams received (or that they received nothing).
 */
class RouteActionsIT {

    private static final int GATEWAY_PORT = 8083;

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path folder;

    private StubUpstream v1;
    private StubUpstream v2;
    private ProxyServer proxy;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        v1 = closer.register(StubUpstream.start("v1"));
        v2 = closer.register(StubUpstream.start("v2"));
        String yaml = YamlSnapshots.staticService("echo.local", v1, v2) + """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: echo}
                spec:
                  host: echo.local
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  - {name: v2, labels: {version: v2}}
                ---
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
                metadata: {name: actions}
                spec:
                  hosts: ["*"]
                  gateways: [edge]
                  http:
                  - match: [{uri: {prefix: /common/}}]
                    rewrite: {uri: /}
                    route: [{destination: {host: echo.local, subset: v1}}]
                  - match: [{uri: {exact: /exact}}]
                    rewrite: {uri: /replaced/whole}
                    route: [{destination: {host: echo.local, subset: v1}}]
                  - match: [{uri: {prefix: /regex/}}]
                    rewrite: {uriRegexRewrite: {match: '/v([0-9]+)/', rewrite: '/version-\\1/'}}
                    route: [{destination: {host: echo.local, subset: v1}}]
                  - match: [{uri: {prefix: /authority}}]
                    rewrite: {authority: internal.example.com}
                    route: [{destination: {host: echo.local, subset: v1}}]
                  - match: [{uri: {prefix: /headers}}]
                    headers:
                      request: {set: {x-set: route}, add: {x-added: route}, remove: [x-secret]}
                      response: {set: {x-served-by: foresail}, add: {x-extra: one}, remove: [x-upstream]}
                    route: [{destination: {host: echo.local, subset: v1}}]
                  - match: [{uri: {prefix: /split}}]
                    route:
                    - destination: {host: echo.local, subset: v1}
                      weight: 50
                      headers: {request: {set: {x-version: v1}}, response: {set: {x-picked: v1}}}
                    - destination: {host: echo.local, subset: v2}
                      weight: 50
                      headers: {request: {set: {x-version: v2, host: v2.internal}}, response: {set: {x-picked: v2}}}
                  - match: [{uri: {prefix: /internal}, headers: {x-envoy-debug: {exact: "1"}}}]
                    directResponse: {status: 403}
                  - match: [{uri: {prefix: /old/}}]
                    redirect: {prefixRewrite: /new/, redirectCode: 308}
                    headers: {response: {set: {x-moved: "yes"}}}
                  - match: [{uri: {exact: /login}}]
                    redirect: {uri: /sign-in, authority: accounts.example.com, scheme: https}
                  - match: [{uri: {exact: /here}}]
                    redirect: {uri: /there, derivePort: FROM_REQUEST_PORT}
                  - match: [{uri: {exact: /elsewhere}}]
                    redirect: {authority: other.example.com, port: 9443, redirectCode: 307}
                  - match: [{uri: {exact: /health}}]
                    directResponse: {status: 200, body: {string: '{"status":"ok"}'}}
                    headers: {response: {set: {content-type: application/json}}}
                  - match: [{uri: {exact: /teapot}}]
                    directResponse: {status: 418, body: {bytes: SSdtIGEgdGVhcG90}}
                  - route: [{destination: {host: echo.local, subset: v1}}]
                """.formatted(GATEWAY_PORT);
        SnapshotHolder holder = YamlSnapshots.load(folder, Optional.empty(), yaml);
        proxy = closer.register(ProxyServer.start(holder,
                ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build()));
    }

    private HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.boundPort(GATEWAY_PORT) + target))
                .timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<String> get(String target, String... headers) throws Exception {
        HttpRequest.Builder builder = request(target);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private StubUpstream.Recorded lastRequestOf(StubUpstream upstream) {
        List<StubUpstream.Recorded> requests = upstream.requests();
        assertThat(requests).as("requests received by %s", upstream).isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    @Test
    void rewriteUriReplacesTheMatchedPrefixKeepingTheQuery() throws Exception {
        assertThat(get("/common/api?q=1").statusCode()).isEqualTo(200);

        StubUpstream.Recorded received = lastRequestOf(v1);
        assertThat(received.uri()).as("prefix /common/ replaced by /").isEqualTo("/api?q=1");
        assertThat(received.header("x-envoy-original-path")).isEqualTo("/common/api?q=1");
    }

    @Test
    void rewriteUriOnAnExactRouteReplacesTheWholePath() throws Exception {
        get("/exact?x=y");

        assertThat(lastRequestOf(v1).uri()).isEqualTo("/replaced/whole?x=y");
    }

    @Test
    void uriRegexRewriteSubstitutesEveryMatch() throws Exception {
        get("/regex/v1/items/v2/");

        assertThat(lastRequestOf(v1).uri()).isEqualTo("/regex/version-1/items/version-2/");
    }

    @Test
    void rewriteAuthoritySetsTheUpstreamHost() throws Exception {
        get("/authority");

        assertThat(lastRequestOf(v1).header("host")).isEqualTo("internal.example.com");
    }

    @Test
    void requestHeaderOperationsReachTheUpstream() throws Exception {
        get("/headers", "x-set", "client", "x-added", "client", "x-secret", "s");

        StubUpstream.Recorded received = lastRequestOf(v1);
        assertThat(received.headers().get("x-set")).containsExactly("route");
        assertThat(received.headers().get("x-added")).containsExactly("client", "route");
        assertThat(received.header("x-secret")).isNull();
    }

    @Test
    void responseHeaderOperationsReachTheClient() throws Exception {
        HttpResponse<String> response = get("/headers");

        assertThat(response.headers().firstValue("x-served-by")).contains("foresail");
        assertThat(response.headers().allValues("x-extra")).containsExactly("one");
        assertThat(response.headers().firstValue("x-upstream")).as("removed").isEmpty();
    }

    @Test
    void destinationHeadersApplyOnlyForThePickedDestination() throws Exception {
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 40 && picked.size() < 2; i++) {
            HttpResponse<String> response = get("/split");
            String upstream = response.headers().firstValue("x-upstream").orElseThrow();
            assertThat(response.headers().allValues("x-picked")).as("response ops of the picked destination")
                    .containsExactly(upstream);
            picked.add(upstream);
        }
        assertThat(picked).as("both destinations were picked in 40 requests").containsExactlyInAnyOrder("v1", "v2");
        assertThat(v1.requests()).allSatisfy(received -> {
            assertThat(received.header("x-version")).isEqualTo("v1");
            assertThat(received.header("host")).startsWith("127.0.0.1:");
        });
        assertThat(v2.requests()).allSatisfy(received -> {
            assertThat(received.header("x-version")).isEqualTo("v2");
            assertThat(received.header("host")).as("v2's own authority").isEqualTo("v2.internal");
        });
    }

    @Test
    void clientXEnvoyHeadersAreStrippedBeforeRoutingAndForwarding() throws Exception {
        HttpResponse<String> response = get("/internal", "x-envoy-debug", "1", "x-envoy-original-path", "/forged");

        assertThat(response.statusCode()).as("the x-envoy-debug match cannot see the client's header").isEqualTo(200);
        StubUpstream.Recorded received = lastRequestOf(v1);
        assertThat(received.header("x-envoy-debug")).isNull();
        assertThat(received.header("x-envoy-original-path")).isNull();
    }

    @Test
    void redirectPrefixRewriteAnswersWithoutTheUpstream() throws Exception {
        HttpResponse<String> response = get("/old/page?q=1");

        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("location")).contains("http://127.0.0.1:" + proxy.boundPort(GATEWAY_PORT)
                + "/new/page?q=1");
        assertThat(response.headers().firstValue("x-moved")).as("route response headers on the redirect").contains("yes");
        assertThat(response.body()).isEmpty();
        assertThat(v1.requests()).isEmpty();
        assertThat(v2.requests()).isEmpty();
    }

    @Test
    void redirectUriAuthorityAndSchemeBuildTheLocation() throws Exception {
        HttpResponse<String> response = get("/login?next=/home");

        assertThat(response.statusCode()).as("default redirectCode").isEqualTo(301);
        assertThat(response.headers().firstValue("location")).contains("https://accounts.example.com/sign-in?next=/home");
    }

    @Test
    void redirectFromRequestPortUsesTheGatewayPort() throws Exception {
        HttpResponse<String> response = get("/here");

        assertThat(response.headers().firstValue("location")).contains("http://127.0.0.1:" + GATEWAY_PORT + "/there");
    }

    @Test
    void redirectPortAndCodeAreUsed() throws Exception {
        HttpResponse<String> response = get("/elsewhere");

        assertThat(response.statusCode()).isEqualTo(307);
        assertThat(response.headers().firstValue("location")).contains("http://other.example.com:9443/elsewhere");
    }

    @Test
    void directResponseStringIsSentWithTheRoutesResponseHeaders() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(v1.requests()).isEmpty();
    }

    @Test
    void directResponseBytesAreDecodedBase64() throws Exception {
        HttpResponse<byte[]> response = client.send(request("/teapot").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("I'm a teapot");
        assertThat(response.headers().firstValue("content-type")).contains("text/plain");
    }

    @Test
    void directResponseToHeadHasNoBodyAndTheConnectionStaysUsable() throws Exception {
        HttpResponse<String> head = client.send(request("/health").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> next = get("/health");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length")).contains("15");
        assertThat(head.body()).isEmpty();
        assertThat(next.body()).as("the next response on the connection is framed right").isEqualTo("{\"status\":\"ok\"}");
    }
}
