package io.foresail.config.table;

import io.foresail.config.reload.LoadResult;
import io.foresail.config.testing.ConfigFixture;
import io.foresail.config.testing.TestRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.ECHO_SERVICE;
import static io.foresail.config.testing.ConfigFixture.GATEWAY;
import static io.foresail.config.testing.ConfigFixture.cluster;
import static io.foresail.config.testing.ConfigFixture.routeNames;
import static io.foresail.config.testing.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingTableCompilerTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    private static String vs(String name, String hosts, String http) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: %s
                spec:
                  hosts: %s
                  gateways: [edge]
                  http:
                %s
                ---
                """.formatted(name, hosts, http.indent(2).stripTrailing());
    }

    private static final String TO_ECHO = "route:\n- destination: {host: echo.local}\n";

    @Test
    void catchAllRoutesOfMergedVirtualServicesGoLastInLoadOrder() {
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE
                + vs("first", "[a.example.com]", "- name: first-all\n  " + TO_ECHO.replace("\n-", "\n  -"))
                + vs("second", "[a.example.com]", "- name: second-api\n  match: [{uri: {prefix: /api}}]\n  "
                        + TO_ECHO.replace("\n-", "\n  -") + "- name: second-all\n  match: [{uri: {prefix: /}}]\n  "
                        + TO_ECHO.replace("\n-", "\n  -")));

        assertThat(routeNames(table, 8081, "a.example.com"))
                .containsExactly("second-api", "first-all", "second-all");
    }

    @Test
    void translationOfOneVirtualServiceStopsAfterItsFirstCatchAll() {
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE
                + vs("vs", "[a.example.com]", "- name: all\n  " + TO_ECHO.replace("\n-", "\n  -")
                        + "- name: unreachable\n  match: [{uri: {prefix: /x}}]\n  " + TO_ECHO.replace("\n-", "\n  -")));

        assertThat(routeNames(table, 8081, "a.example.com")).containsExactly("all");
    }

    @Test
    void eachMatchBlockBecomesOneRouteNamedRouteDotMatch() {
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE + vs("vs", "[a.example.com]", """
                - name: api
                  match:
                  - name: v1
                    uri: {exact: /v1}
                  - uri: {regex: "/v[0-9]+/.*"}
                  route:
                  - destination: {host: echo.local}
                - match: [{uri: {prefix: /other}}]
                  route:
                  - destination: {host: echo.local}
                """));

        assertThat(routeNames(table, 8081, "a.example.com"))
                .containsExactly("api.v1", "api", "default/vs/http[1]");
        VirtualHost virtualHost = table.listener(8081).plaintextHttp().virtualHosts().match("a.example.com");
        assertThat(virtualHost.route(TestRequest.of("/v12/x")).name()).as("regex full match").isEqualTo("api");
        assertThat(virtualHost.route(TestRequest.of("/v12"))).as("regex must match the whole path").isNull();
    }

    @Test
    void absentUriIsPrefixSlashAndIgnoreUriCaseIsHonoured() {
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE + vs("vs", "[a.example.com]", """
                - name: upper
                  match: [{uri: {prefix: /API}, ignoreUriCase: true}]
                  route:
                  - destination: {host: echo.local}
                - name: header-only
                  match: [{headers: {x-a: {}}}]
                  route:
                  - destination: {host: echo.local}
                """));

        VirtualHost virtualHost = table.listener(8081).plaintextHttp().virtualHosts().match("a.example.com");
        assertThat(virtualHost.route(TestRequest.of("/api/x")).name()).isEqualTo("upper");
        assertThat(virtualHost.route(TestRequest.of("/any", "x-a", "")).name()).isEqualTo("header-only");
        assertThat(virtualHost.route(TestRequest.of("/any"))).as("header absent").isNull();
    }

    @Test
    void effectiveDomainIsTheMoreSpecificOfServerAndVirtualServiceHosts() {
        RoutingTable table = fixture.table("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 8081, name: http, protocol: HTTP}
                    hosts: ["*.example.com", "./own.test", "other/hidden.test"]
                ---
                """ + ECHO_SERVICE + vs("named", "[a.example.com, own.test, hidden.test, other.org]",
                "- " + TO_ECHO.replace("\n-", "\n  -")) + vs("any", "[\"*\"]", "- " + TO_ECHO.replace("\n-", "\n  -")));

        assertThat(table.listener(8081).plaintextHttp().virtualHosts().virtualHosts())
                .flatExtracting(VirtualHost::domains)
                .as("hidden.test is for namespace other only; other.org matches no server host")
                .containsExactlyInAnyOrder("*.example.com", "a.example.com", "own.test");
    }

    @Test
    void virtualServiceWithoutGatewaysIsNotServed() {
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: mesh-only}
                spec:
                  hosts: [echo.local]
                  http:
                  - route:
                    - destination: {host: echo.local}
                """);

        assertThat(table.listener(8081).plaintextHttp().virtualHosts().virtualHosts()).isEmpty();
    }

    @Test
    void gatewayAppliesOnlyWhenItsSelectorIsASubsetOfTheProxyLabels() {
        LoadResult matching = fixture.load(Map.of("istio", "ingressgateway", "zone", "a"), GATEWAY);
        LoadResult other = fixture.load(Map.of("istio", "egressgateway"), GATEWAY);

        assertThat(ConfigFixture.loaded(matching).ports()).containsExactly(8081);
        assertThat(ConfigFixture.loaded(other).ports()).isEmpty();
        assertThat(warnings(other)).anySatisfy(w -> assertThat(w.message()).contains("nothing is served"));
    }

    @Test
    void shortDestinationHostResolvesInTheVirtualServiceNamespace() {
        RoutingTable table = fixture.table(GATEWAY + """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: reviews, namespace: shop}
                spec:
                  hosts: [reviews.shop.svc.cluster.local]
                  resolution: STATIC
                  ports: [{number: 9080, name: http, protocol: HTTP}]
                  endpoints: [{address: 10.0.0.1}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs, namespace: shop}
                spec:
                  hosts: ["*"]
                  gateways: [default/edge]
                  http:
                  - route:
                    - destination: {host: reviews}
                """);

        Forward forward = (Forward) table.listener(8081).plaintextHttp().virtualHosts().match("x").route(TestRequest.of("/")).action();
        assertThat(forward.destinations().get(0).clusterName()).isEqualTo("outbound|9080||reviews.shop.svc.cluster.local");
        assertThat(cluster(table, "outbound|9080||reviews.shop.svc.cluster.local").endpoints())
                .extracting(e -> e.address() + ":" + e.port()).containsExactly("10.0.0.1:9080");
    }

    @Test
    void destinationPortFallsBackToTheListenerPortForMultiPortServices() {
        RoutingTable table = fixture.table(GATEWAY + """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: multi}
                spec:
                  hosts: [multi.local]
                  resolution: STATIC
                  ports:
                  - {number: 8081, name: http, protocol: HTTP, targetPort: 7000}
                  - {number: 9090, name: admin, protocol: HTTP}
                  endpoints: [{address: 10.0.0.2, weight: 0}]
                ---
                """ + vs("vs", "[\"*\"]", "- route:\n  - destination: {host: multi.local}\n"));

        assertThat(cluster(table, "outbound|8081||multi.local").endpoints())
                .extracting(e -> e.address() + ":" + e.port() + " w" + e.weight()).containsExactly("10.0.0.2:7000 w1");
    }

    @Test
    void zeroWeightsAreDroppedWhenThereAreSeveralDestinations() {
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE + vs("vs", "[\"*\"]", """
                - route:
                  - destination: {host: echo.local, subset: v1}
                    weight: 0
                  - destination: {host: echo.local, subset: v2}
                    weight: 5
                """));

        Forward forward = (Forward) table.listener(8081).plaintextHttp().virtualHosts().match("x").route(TestRequest.of("/")).action();
        assertThat(forward.destinations()).singleElement().satisfies(d -> {
            assertThat(d.clusterName()).isEqualTo("outbound|80|v2|echo.local");
            assertThat(d.weight()).isEqualTo(5);
        });
    }

    @Test
    void unknownHostOrSubsetGivesADestinationWithoutClusterAndAWarning() {
        LoadResult result = fixture.load(GATEWAY + ECHO_SERVICE + vs("vs", "[\"*\"]", """
                - route:
                  - destination: {host: echo.local, subset: v9}
                    weight: 1
                  - destination: {host: nowhere.example.com}
                    weight: 1
                """));

        RoutingTable table = ConfigFixture.loaded(result);
        Forward forward = (Forward) table.listener(8081).plaintextHttp().virtualHosts().match("x").route(TestRequest.of("/")).action();
        assertThat(forward.destinations()).allSatisfy(d -> assertThat(d.cluster()).isEmpty());
        assertThat(forward.destinations()).extracting(WeightedDestination::clusterName)
                .containsExactly("outbound|80|v9|echo.local", "outbound|8081||nowhere.example.com");
        assertThat(warnings(result)).extracting(w -> w.fieldPath()).contains(
                "spec.http[0].route[0].destination.subset", "spec.http[0].route[1].destination.host");
    }

    @Test
    void subsetSelectingNoEndpointsGivesAnEmptyCluster() {
        RoutingTable table = fixture.table(GATEWAY + ECHO_SERVICE.replace("{version: v2}}", "{version: v3}}")
                + vs("vs", "[\"*\"]", "- route:\n  - destination: {host: echo.local, subset: v2}\n"));

        assertThat(cluster(table, "outbound|80|v2|echo.local").endpoints()).isEmpty();
    }

    @Test
    void dnsServiceEntryWithoutEndpointsUsesItsHostAsEndpoint() {
        RoutingTable table = fixture.table(GATEWAY + """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: ext}
                spec:
                  hosts: [api.example.com]
                  resolution: DNS
                  ports: [{number: 80, name: http, protocol: HTTP}]
                ---
                """ + vs("vs", "[\"*\"]", "- route:\n  - destination: {host: api.example.com}\n"));

        assertThat(cluster(table, "outbound|80||api.example.com").endpoints())
                .extracting(e -> e.address() + ":" + e.port()).containsExactly("api.example.com:80");
    }

    @Test
    void redirectRoutesAreServedOnEveryPortBeforeLaterRoutes() {
        LoadResult result = fixture.load("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 8081, name: http, protocol: HTTP}
                    hosts: ["*"]
                  - port: {number: 8443, name: https, protocol: HTTPS}
                    hosts: ["*"]
                    tls: {mode: SIMPLE, serverCertificate: /certs/cert.pem, privateKey: /certs/key.pem}
                ---
                """ + ECHO_SERVICE + vs("vs", "[\"*\"]", """
                - name: moved
                  match: [{uri: {prefix: /old}}]
                  redirect: {uri: /new}
                - name: rest
                  route:
                  - destination: {host: echo.local}
                """));

        RoutingTable table = ConfigFixture.loaded(result);
        assertThat(table.ports()).containsExactly(8081, 8443);
        assertThat(routeNames(table, 8081, "x")).containsExactly("moved", "rest");
        assertThat(warnings(result)).as("redirect is supported").isEmpty();
    }

    @Test
    void compilerLeavesNoProxyLabelsMeaningEveryGateway() {
        RoutingTableCompiler compiler = new RoutingTableCompiler(Optional.empty());

        assertThat(compiler.compile(java.util.List.of(), "h").table().ports()).isEmpty();
    }
}
