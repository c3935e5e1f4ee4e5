package io.foresail.config.table;

import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.testing.ConfigFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.foresail.config.testing.ConfigFixture.routeNames;
import static io.foresail.config.testing.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/** Which Gateway servers are served, and which VirtualServices bind to them, as Istio decides. */
class GatewayBindingTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    private static final String BACKEND = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: backend, namespace: apps}
            spec:
              hosts: [backend.local]
              resolution: STATIC
              ports: [{number: 80, name: http, protocol: HTTP}]
              endpoints: [{address: 127.0.0.1}]
            ---
            """;

    private static String gateway(String name, String namespace, String servers) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: %s, namespace: %s}
                spec:
                  servers:
                %s
                ---
                """.formatted(name, namespace, servers.indent(2).stripTrailing());
    }

    private static String httpServer(int port, String portName, String... hosts) {
        return "- port: {number: %d, name: %s, protocol: HTTP}\n  hosts: [%s]\n"
                .formatted(port, portName, String.join(", ", quoted(hosts)));
    }

    private static List<String> quoted(String... hosts) {
        return List.of(hosts).stream().map(host -> "\"" + host + "\"").toList();
    }

    private static String vs(String name, String namespace, String gateways, String host, String http) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s, namespace: %s}
                spec:
                  hosts: ["%s"]
                  gateways: %s
                  http:
                %s
                ---
                """.formatted(name, namespace, host, gateways, http.indent(2).stripTrailing());
    }

    private static String route(String name, String match) {
        return "- name: " + name + "\n" + (match.isEmpty() ? "" : "  match: " + match + "\n")
                + "  route: [{destination: {host: backend.local}}]\n";
    }

    private static VirtualHost virtualHost(RoutingTable table, int port, String host) {
        PortListener listener = table.listener(port);
        assertThat(listener).as("listener on port %d", port).isNotNull();
        return listener.plaintextHttp().virtualHosts().match(host);
    }

    @ParameterizedTest(name = "server host {0}, VirtualService in {1}: served = {2}")
    @CsvSource({
            "a.example.com, apps, true",
            "*/a.example.com, apps, true",
            "./a.example.com, apps, false",
            "./a.example.com, istio-ingress, true",
            "apps/a.example.com, apps, true",
            "other/a.example.com, apps, false",
            "apps/*, apps, true",
            "other/*, apps, false",
            "*, apps, true",
            "*.example.com, apps, true",
            "*.other.com, apps, false",
    })
    void serverHostFormsAdmitVirtualServicesByNamespaceAndHost(String serverHost, String vsNamespace, boolean served) {
        RoutingTable table = fixture.table(BACKEND
                + gateway("edge", "istio-ingress", httpServer(8081, "http", serverHost))
                + vs("site", vsNamespace, "[istio-ingress/edge]", "a.example.com", route("site", "")));

        VirtualHost virtualHost = virtualHost(table, 8081, "a.example.com");

        if (served) {
            assertThat(virtualHost).as("a.example.com is served through server host %s", serverHost).isNotNull();
            assertThat(virtualHost.domains()).as("effective domain: the more specific of server and VS host")
                    .containsExactly("a.example.com");
        } else {
            assertThat(virtualHost).as("server host %s must not admit a VirtualService of namespace %s",
                    serverHost, vsNamespace).isNull();
        }
    }

    @ParameterizedTest(name = "gateways {0}: served = {1}")
    @CsvSource(delimiter = ';', value = {
            "[edge]; true",
            "[istio-ingress/edge]; true",
            "[edge.istio-ingress.svc.cluster.local]; true",
            "[mesh]; false",
            "[mesh, istio-ingress/edge]; true",
            "[apps/edge]; false",
            "[]; false",
    })
    void virtualServiceGatewayReferencesResolveLikeIstio(String gateways, boolean served) {
        RoutingTable table = fixture.table(BACKEND
                + gateway("edge", "istio-ingress", httpServer(8081, "http", "*"))
                + vs("site", "istio-ingress", gateways, "a.example.com", route("site", ""))
                .replace("  gateways: []\n", ""));

        assertThat(virtualHost(table, 8081, "a.example.com") != null)
                .as("VirtualService in istio-ingress with gateways %s served by istio-ingress/edge", gateways)
                .isEqualTo(served);
    }

    @Test
    void plaintextHttpServersOfSeveralGatewaysOnOnePortShareOneRouteTable() {
        RoutingTable table = fixture.table(BACKEND
                + gateway("public", "istio-ingress", httpServer(8081, "http", "www.example.com"))
                + gateway("private", "istio-ingress", httpServer(8081, "http", "admin.example.com"))
                + vs("www", "apps", "[istio-ingress/public]", "www.example.com", route("www", ""))
                + vs("admin", "apps", "[istio-ingress/private]", "admin.example.com", route("admin", "")));

        assertThat(routeNames(table, 8081, "www.example.com")).containsExactly("www");
        assertThat(routeNames(table, 8081, "admin.example.com")).containsExactly("admin");
    }

    @Test
    void virtualServiceBoundToSeveralMergedGatewaysAddsItsRoutesOnce() {
        RoutingTable table = fixture.table(BACKEND
                + gateway("production-public", "istio-ingress", httpServer(8081, "http", "*.example.com"))
                + gateway("production-private", "istio-ingress", httpServer(8081, "http", "*.example.com"))
                + vs("site", "apps", "[istio-ingress/production-public, istio-ingress/production-private]",
                "a.example.com", route("api", "[{uri: {prefix: /api}}]") + route("all", "")));

        assertThat(routeNames(table, 8081, "a.example.com"))
                .as("one translation of the VirtualService, however many merged servers admit its host")
                .containsExactly("api", "all");
    }

    @Test
    void matchBlockGatewaysChooseTheBlocksEachGatewayServes() {
        RoutingTable table = fixture.table(BACKEND
                + gateway("public", "istio-ingress", httpServer(8081, "http", "*"))
                + gateway("private", "istio-ingress", httpServer(8082, "http", "*"))
                + vs("site", "istio-ingress", "[public, private]", "a.example.com",
                route("public-only", "[{uri: {prefix: /p}, gateways: [public]}]")
                        + route("private-only", "[{uri: {prefix: /q}, gateways: [istio-ingress/private]}]")
                        + route("both", "[{uri: {prefix: /b}}]")));

        assertThat(routeNames(table, 8081, "a.example.com")).containsExactly("public-only", "both");
        assertThat(routeNames(table, 8082, "a.example.com")).containsExactly("private-only", "both");
    }

    @Test
    void matchBlockGatewaysDoNotBindAVirtualServiceWithoutTopLevelGateways() {
        RoutingTable table = fixture.table(BACKEND
                + gateway("edge", "istio-ingress", httpServer(8081, "http", "*"))
                + vs("site", "istio-ingress", "[]", "a.example.com",
                route("at-edge", "[{uri: {prefix: /e}, gateways: [edge]}]") + route("mesh-only", ""))
                .replace("  gateways: []\n", ""));

        assertThat(virtualHost(table, 8081, "a.example.com"))
                .as("Istio's getGatewayNames reads only top-level gateways (omitted: mesh); a block's gateways only narrow")
                .isNull();
    }

    @Test
    void virtualServiceWhoseRulesAllApplyElsewhereTakesNoDomain() {
        RoutingTable table = fixture.table(BACKEND
                + gateway("edge", "istio-ingress", httpServer(8081, "http", "*"))
                + vs("other-port", "istio-ingress", "[edge]", "a.example.com", route("on-9999", "[{uri: {prefix: /}, port: 9999}]"))
                + vs("star", "istio-ingress", "[edge]", "*", route("star", "")));

        assertThat(routeNames(table, 8081, "a.example.com"))
                .as("no rule of other-port applies on 8081, so Istio skips it there and * serves a.example.com")
                .containsExactly("star");
    }

    @Test
    void virtualServiceWithOnlyUnsupportedRulesStillOwnsItsDomain() {
        RoutingTable table = fixture.table(BACKEND
                + gateway("edge", "istio-ingress", httpServer(8081, "http", "*"))
                + vs("redirecting", "istio-ingress", "[edge]", "a.example.com", "- delegate: {name: elsewhere}\n")
                + vs("star", "istio-ingress", "[edge]", "*", route("star", "")));

        assertThat(routeNames(table, 8081, "a.example.com"))
                .as("the delegate rule applies here (not served yet): a.example.com must not fall to *'s routes")
                .isEmpty();
    }

    @Test
    void catchAllRuleWithAnUnsupportedActionStillEndsTheVirtualService() {
        RoutingTable table = fixture.table(BACKEND
                + gateway("edge", "istio-ingress", httpServer(8081, "http", "*"))
                + vs("site", "istio-ingress", "[edge]", "a.example.com",
                "- match: [{uri: {prefix: /}}]\n  delegate: {name: x}\n" + route("after", "")));

        assertThat(routeNames(table, 8081, "a.example.com"))
                .as("Istio stops translating at the first catch-all rule, whatever its action")
                .isEmpty();
    }

    @Test
    void sourceNamespaceIsIgnoredWhenTheBlockNamesGateways() {
        RoutingTable table = fixture.table(BACKEND
                + gateway("edge", "istio-ingress", httpServer(8081, "http", "*"))
                + vs("site", "istio-ingress", "[edge]", "a.example.com",
                route("x", "[{uri: {prefix: /x}, gateways: [edge], sourceNamespace: foo}]") + route("rest", "")));

        assertThat(routeNames(table, 8081, "a.example.com"))
                .as("sourceMatchHTTP ignores sourceNamespace and sourceLabels when gateways are given")
                .containsExactly("x", "rest");
    }

    @Test
    void matchBlockPortLimitsTheBlockToThatServerPort() {
        RoutingTable table = fixture.table(BACKEND
                + gateway("edge", "istio-ingress", httpServer(8081, "http", "*") + httpServer(8082, "http-alt", "*"))
                + vs("site", "istio-ingress", "[edge]", "a.example.com",
                route("on-8082", "[{uri: {prefix: /x}, port: 8082}]") + route("all", "")));

        assertThat(routeNames(table, 8081, "a.example.com")).containsExactly("all");
        assertThat(routeNames(table, 8082, "a.example.com")).containsExactly("on-8082", "all");
    }

    @Test
    void plaintextNonHttpServerAfterHttpOnTheSamePortIsSkippedNamingBoth() {
        LoadResult result = fixture.load(BACKEND
                + gateway("web", "istio-ingress", httpServer(8081, "http", "*"))
                + gateway("db", "istio-ingress", "- port: {number: 8081, name: mongo, protocol: MONGO}\n  hosts: [\"*\"]\n")
                + vs("site", "istio-ingress", "[web]", "a.example.com", route("site", "")));

        assertThat(routeNames(ConfigFixture.loaded(result), 8081, "a.example.com")).containsExactly("site");
        assertThat(warnings(result)).as("the later server is skipped; the warning names the one keeping the port")
                .anySatisfy(warning -> {
                    assertThat(warning.resource()).isEqualTo("Gateway/istio-ingress/db");
                    assertThat(warning.fieldPath()).isEqualTo("spec.servers[0].port");
                    assertThat(warning.message()).contains("skipped", "Gateway/istio-ingress/web spec.servers[0]");
                });
    }

    @Test
    void httpServerAfterAPlaintextNonHttpServerIsSkippedAndThePortServesNothing() {
        LoadResult result = fixture.load(BACKEND
                + gateway("db", "istio-ingress", "- port: {number: 8081, name: tcp, protocol: TCP}\n  hosts: [\"*\"]\n")
                + gateway("web", "istio-ingress", httpServer(8081, "http", "*"))
                + vs("site", "istio-ingress", "[web]", "a.example.com", route("site", "")));

        assertThat(ConfigFixture.loaded(result).listener(8081))
                .as("Istio keeps the TCP server (first) and drops the HTTP one; TCP is not served yet").isNull();
        assertThat(warnings(result)).extracting(ConfigError::message)
                .anySatisfy(message -> assertThat(message).contains("HTTP server on port 8081 skipped",
                        "Gateway/istio-ingress/db spec.servers[0]"));
    }

    @Test
    void tlsServerAfterPlaintextHttpOnTheSamePortIsSkippedNamingBoth() {
        LoadResult result = fixture.load(BACKEND
                + gateway("web", "istio-ingress", httpServer(8443, "http", "*"))
                + gateway("secure", "istio-ingress", """
                        - port: {number: 8443, name: https, protocol: HTTPS}
                          hosts: ["*"]
                          tls: {mode: SIMPLE, serverCertificate: /c.pem, privateKey: /k.pem}
                        """)
                + vs("site", "istio-ingress", "[web]", "a.example.com", route("site", "")));

        assertThat(warnings(result)).as("HTTPS after plaintext HTTP on one port")
                .anySatisfy(warning -> {
                    assertThat(warning.resource()).isEqualTo("Gateway/istio-ingress/secure");
                    assertThat(warning.message()).contains("HTTPS server on port 8443 skipped",
                            "Gateway/istio-ingress/web spec.servers[0]");
                });
    }

    @Test
    void tlsServerRepeatingAHostOfAnEarlierTlsServerOnThePortIsSkipped() {
        String https = """
                - port: {number: 8443, name: https, protocol: HTTPS}
                  hosts: ["*/a.example.com", "b.example.com"]
                  tls: {mode: SIMPLE, serverCertificate: /c.pem, privateKey: /k.pem}
                """;
        LoadResult result = fixture.load(BACKEND
                + gateway("one", "istio-ingress", https)
                + gateway("two", "istio-ingress", https.replace("\"*/a.example.com\", ", "\"a.example.com\", \"c.example.com\", ")
                .replace("name: https", "name: https-two")));

        assertThat(warnings(result)).extracting(ConfigError::message)
                .anySatisfy(message -> assertThat(message).contains("duplicate host names [a.example.com, b.example.com]",
                        "Gateway/istio-ingress/one"));
    }

    @Test
    void portWithAServerButNoBoundVirtualServiceAnswersNoVirtualHost() {
        RoutingTable table = fixture.table(BACKEND + gateway("edge", "istio-ingress", httpServer(8081, "http", "*")));

        assertThat(virtualHost(table, 8081, "a.example.com"))
                .as("Istio's blackhole route table: the port listens and every request gets 404 NR").isNull();
    }

    @Test
    void serversOfAGatewayWhoseSelectorDoesNotMatchTakeNoPort() {
        LoadResult result = fixture.load(java.util.Map.of("istio", "production-private"), BACKEND
                + gateway("staging", "istio-ingress", httpServer(8081, "http", "*"))
                .replace("spec:\n", "spec:\n  selector: {istio: staging-private}\n")
                + gateway("production", "istio-ingress", "- port: {number: 8081, name: tcp, protocol: TCP}\n  hosts: [\"*\"]\n")
                .replace("spec:\n", "spec:\n  selector: {istio: production-private}\n"));

        assertThat(warnings(result)).extracting(ConfigError::message)
                .as("no conflict is reported with a Gateway this proxy does not serve")
                .noneMatch(message -> message.contains("skipped:"));
    }

    @Test
    void virtualServiceHostThatNoServerOfItsGatewaysAdmitsIsReported() {
        LoadResult result = fixture.load(BACKEND
                + gateway("edge", "istio-ingress", httpServer(8081, "http", "*.example.com"))
                + vs("site", "apps", "[istio-ingress/edge]", "a.example.com", route("site", ""))
                .replace("hosts: [\"a.example.com\"]", "hosts: [\"a.example.com\", \"a.example.org\"]"));

        assertThat(warnings(result)).as("istioctl IST0132: the host is served by no server of the bound Gateway")
                .anySatisfy(warning -> {
                    assertThat(warning.resource()).isEqualTo("VirtualService/apps/site");
                    assertThat(warning.fieldPath()).isEqualTo("spec.hosts[1]");
                    assertThat(warning.message()).contains("a.example.org", "not served");
                });
        assertThat(warnings(result)).as("the admitted host is not reported")
                .noneMatch(warning -> warning.fieldPath().equals("spec.hosts[0]"));
    }
}
