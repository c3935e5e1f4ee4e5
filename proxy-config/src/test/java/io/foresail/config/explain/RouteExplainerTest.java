package io.foresail.config.explain;

import io.foresail.config.explain.Explanation.Step;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.testing.ConfigFixture;
import io.foresail.config.testing.TestRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.ECHO_SERVICE;
import static io.foresail.config.testing.ConfigFixture.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

class RouteExplainerTest {

    private static final String VIRTUAL_SERVICE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: shop
            spec:
              hosts: [shop.example.com]
              gateways: [edge]
              http:
              - name: canary
                match:
                - uri: {prefix: /api}
                  headers: {x-canary: {exact: "yes"}}
                route:
                - destination: {host: echo.local, subset: v2}
              - name: api
                match:
                - uri: {prefix: /api}
                route:
                - destination: {host: echo.local, subset: v1}
                  weight: 90
                - destination: {host: echo.local, subset: v2}
                  weight: 10
            ---
            """;

    @TempDir
    Path folder;

    private RouteExplainer explainer;

    @BeforeEach
    void setUp() {
        RoutingTable table = new ConfigFixture(folder).table(GATEWAY + ECHO_SERVICE + VIRTUAL_SERVICE);
        explainer = new RouteExplainer(table);
    }

    private Explanation explain(int port, String host, TestRequest request) {
        return explainer.explain(new ExplainRequest(port, false, null, host, request));
    }

    private static Step step(Explanation explanation, String name) {
        return explanation.steps().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + explanation));
    }

    @Test
    void aMatchedRouteNamesItsVirtualServiceFileLineAndWinningBlock() {
        Explanation explanation = explain(8081, "shop.example.com", TestRequest.of("/api/items"));

        assertThat(explanation.routed()).as("routed: %s", explanation).isTrue();
        Step route = step(explanation, "route");
        assertThat(route.value()).as("route index and name").isEqualTo("#1 api");
        assertThat(route.details()).as("origin and winning block").containsExactly(
                "from VirtualService/default/shop at " + folder.resolve("config.yaml") + ":" + lineOfApiBlock() + ":7",
                "matched by match[0]: uri prefix /api");
    }

    @Test
    void aForwardListsEachDestinationWithItsWeightSubsetAndEndpoints() {
        Explanation explanation = explain(8081, "shop.example.com", TestRequest.of("/api"));

        assertThat(step(explanation, "forward").details()).as("destinations").containsExactly(
                "outbound|80|v1|echo.local weight 90/100 subset v1",
                "  endpoint 127.0.0.1:9001 weight 1",
                "outbound|80|v2|echo.local weight 10/100 subset v2",
                "  endpoint 127.0.0.1:9002 weight 1");
    }

    @Test
    void redirectAndDirectResponseRoutesShowTheirAnswer() {
        RouteExplainer answering = new RouteExplainer(new ConfigFixture(folder).table(GATEWAY + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: answers}
                spec:
                  hosts: [web.example.com]
                  gateways: [edge]
                  http:
                  - match: [{uri: {prefix: /old/}}]
                    redirect: {prefixRewrite: /new/, scheme: https, derivePort: FROM_REQUEST_PORT, redirectCode: 308}
                  - directResponse: {status: 503, body: {string: down}}
                """));

        Explanation redirect = answering.explain(new ExplainRequest(8081, false, null, "web.example.com", TestRequest.of("/old/a")));
        Explanation direct = answering.explain(new ExplainRequest(8081, false, null, "web.example.com", TestRequest.of("/x")));

        assertThat(step(redirect, "redirect").value()).as("redirect code").isEqualTo("308");
        assertThat(step(redirect, "redirect").details()).as("redirect fields: scheme, request port, prefix rewrite")
                .contains("scheme https", "path prefix /old/ -> /new/")
                .anySatisfy(line -> assertThat(line).startsWith("port"));
        assertThat(step(direct, "direct-response").value()).isEqualTo("503, body 4 bytes");
    }

    @Test
    void aHeaderThatWinsTheCanaryRouteIsShownAsItsMatchBlock() {
        Explanation explanation = explain(8081, "shop.example.com", TestRequest.of("/api", "x-canary", "yes"));

        assertThat(step(explanation, "route").details()).as("winning block")
                .contains("matched by match[0]: uri prefix /api, header x-canary exact yes");
    }

    @Test
    void noListenerOnThePortIsTheReasonAndListsThePortsServed() {
        Explanation explanation = explain(9999, "shop.example.com", TestRequest.of("/api"));

        assertThat(explanation.routed()).as("routed").isFalse();
        assertThat(explanation.steps()).as("steps").containsExactly(
                new Step("listener", "none on port 9999", java.util.List.of("ports served: [8081]")));
    }

    @Test
    void tlsToAPortWithoutTlsChainsSaysNoChainForTheSni() {
        Explanation explanation = explainer.explain(
                new ExplainRequest(8081, true, "shop.example.com", "shop.example.com", TestRequest.of("/api")));

        assertThat(explanation.routed()).as("routed").isFalse();
        assertThat(explanation.steps().get(1)).as("tls step").isEqualTo(
                new Step("tls-chain", "none for SNI shop.example.com", java.util.List.of("the port serves no TLS")));
    }

    @Test
    void anUnknownHostListsTheDomainsOfTheRouteConfig() {
        Explanation explanation = explain(8081, "other.example.com", TestRequest.of("/api"));

        assertThat(explanation.routed()).as("routed").isFalse();
        Step virtualHost = step(explanation, "virtual-host");
        assertThat(virtualHost.value()).as("reason").isEqualTo("none for host other.example.com");
        assertThat(virtualHost.details()).as("domains").containsExactly("domains: [shop.example.com]");
    }

    @Test
    void noRouteListsEachRouteTriedWithTheFirstConditionThatFailed() {
        Explanation explanation = explain(8081, "shop.example.com", new TestRequest("/web", Map.of("x-canary", "no")));

        assertThat(explanation.routed()).as("routed").isFalse();
        assertThat(step(explanation, "route").details()).as("routes tried").startsWith(
                "#0 canary: uri prefix /api (path /web)",
                "#1 api: uri prefix /api (path /web)");
    }

    @Test
    void noRouteNamesTheBlockThatFailedFewestConditionsAsTheNearestMiss() {
        Explanation explanation = explain(8081, "shop.example.com", new TestRequest("/web", Map.of("x-canary", "yes")));

        assertThat(step(explanation, "route").details()).as("routes tried, then the nearest miss").last().isEqualTo(
                "nearest miss: #0 canary match[0] (uri prefix /api, header x-canary exact yes): 1 of 2 condition(s)"
                        + " failed, first uri prefix /api (path /web)");
    }

    @Test
    void theServerStepNamesTheGatewayItsServerAndItsFileLine() {
        Explanation explanation = explain(8081, "shop.example.com", TestRequest.of("/api"));

        Step server = step(explanation, "server");
        assertThat(server.value()).as("gateway, port name, protocol, hosts")
                .isEqualTo("Gateway default/edge server http (HTTP) hosts [*]");
        assertThat(server.details()).as("where the server is written")
                .containsExactly("at " + folder.resolve("config.yaml") + ":9:5");
    }

    @Test
    void mergedPlaintextServersAreEachListedWithTheirGateway() {
        String second = GATEWAY.replace("name: edge", "name: edge-two").replace("\"*\"", "shop.example.com");
        RoutingTable table = new ConfigFixture(folder).table(GATEWAY + second + ECHO_SERVICE + VIRTUAL_SERVICE);

        Explanation explanation = new RouteExplainer(table)
                .explain(new ExplainRequest(8081, false, null, "shop.example.com", TestRequest.of("/api")));

        assertThat(explanation.steps()).as("server steps").filteredOn(s -> s.name().equals("server"))
                .extracting(Step::value).containsExactly(
                        "Gateway default/edge server http (HTTP) hosts [*]",
                        "Gateway default/edge-two server http (HTTP) hosts [shop.example.com]");
    }

    @Test
    void aServerWithoutBoundVirtualServicesSaysSoNamingTheGateway() {
        RoutingTable table = new ConfigFixture(folder).table(GATEWAY + ECHO_SERVICE);

        Explanation explanation = new RouteExplainer(table)
                .explain(new ExplainRequest(8081, false, null, "shop.example.com", TestRequest.of("/api")));

        assertThat(explanation.routed()).as("routed").isFalse();
        Step virtualHost = step(explanation, "virtual-host");
        assertThat(virtualHost.value()).as("reason")
                .isEqualTo("none: no VirtualService is bound to Gateway default/edge with a host this server admits");
        assertThat(virtualHost.details()).as("route config")
                .containsExactly("route config http.8081 has no virtual hosts: every request gets 404 NR");
    }

    /** The 1-based line of the second {@code - uri: {prefix: /api}} of the written file: route api's block. */
    private static int lineOfApiBlock() {
        String[] lines = (GATEWAY + ECHO_SERVICE + VIRTUAL_SERVICE).split("\n");
        int seen = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().equals("- uri: {prefix: /api}") && ++seen == 2) {
                return i + 1;
            }
        }
        throw new AssertionError("no second /api block");
    }
}
