package io.foresail.core.admin;

import io.foresail.core.metrics.ProxyMetrics;
import io.foresail.core.testing.YamlSnapshots;
import io.foresail.core.pool.PoolKey;
import io.foresail.core.runtime.ReloadStatus;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.upstream.EndpointHealthTable;
import java.net.ConnectException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AdminEndpointsTest {

    private static final String CONFIG = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: edge}
            spec:
              servers:
              - port: {number: 8081, name: http, protocol: HTTP}
                hosts: ["*"]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: backend}
            spec:
              hosts: [backend.local]
              resolution: STATIC
              ports: [{number: 80, name: http, protocol: HTTP}]
              endpoints:
              - {address: 127.0.0.1, ports: {http: 9001}, weight: 3}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: site}
            spec:
              hosts: [a.example.com]
              gateways: [edge]
              http:
              - name: api
                match: [{uri: {prefix: /api}}]
                route: [{destination: {host: backend.local}}]
            """;

    @TempDir
    Path folder;

    private final EndpointHealthTable health = new EndpointHealthTable(
            Clock.fixed(Instant.parse("2026-11-22T03:04:05Z"), ZoneOffset.UTC));
    private AdminEndpoints endpoints;

    @BeforeEach
    void setUp() {
        SnapshotHolder snapshots = YamlSnapshots.load(folder, Optional.empty(), CONFIG);
        health.follow(snapshots.current().table());
        endpoints = new AdminEndpoints(snapshots, () -> true, port -> port,
                new ProxyMetrics(), "test", () -> new ReloadStatus(1, "hash", Instant.EPOCH, List.of("config.yaml"),
                        List.of(), Optional.empty(), List.of("port 9090: Address already in use"),
                        Optional.of(Duration.ofMillis(412))), health);
    }

    private static AdminResponse call(Map<String, AdminEndpoint> paths, String method, String path) {
        return paths.get(path).handle(method, Map.of());
    }

    private static String body(AdminResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void routesListEachRouteWithItsVirtualServiceFileAndLine() {
        AdminResponse routes = call(endpoints.admin(), "GET", "/routes");

        assertThat(routes.status()).as("status").isEqualTo(200);
        assertThat(body(routes)).as("/routes")
                .contains("\"port\":8081,\"plaintext\":{\"name\":\"http.8081\",\"kind\":\"http\"")
                .contains("\"domains\":[\"a.example.com\"]")
                .contains("\"name\":\"api\",\"virtual_service\":\"VirtualService/default/site\",\"file\":\""
                        + folder.resolve("config.yaml") + "\",\"line\":")
                .contains("\"destinations\":[{\"cluster\":\"outbound|80||backend.local\",\"weight\":1}]");
    }

    @Test
    void clustersListEndpointsWithTheirWeights() {
        AdminResponse clusters = call(endpoints.admin(), "GET", "/clusters");

        assertThat(body(clusters)).as("/clusters").contains("{\"name\":\"outbound|80||backend.local\",\"host\":\"backend.local\","
                + "\"port\":80,\"subset\":\"\",\"tls\":false,\"endpoints\":[{\"address\":\"127.0.0.1\",\"port\":9001,\"weight\":3,");
    }

    @Test
    void clustersShowAnEndpointNeverTriedAsHealthy() {
        assertThat(body(call(endpoints.admin(), "GET", "/clusters"))).as("/clusters")
                .contains("\"health\":{\"status\":\"healthy\",\"connect_attempts\":0,\"connect_failures\":0}");
    }

    @Test
    void clustersShowTheLastFailedConnectOfAnEndpoint() {
        health.connectFailed(PoolKey.of("127.0.0.1", 9001), new ConnectException("Connection refused"));

        assertThat(body(call(endpoints.admin(), "GET", "/clusters"))).as("/clusters")
                .contains("\"health\":{\"status\":\"connect_failed\",\"connect_attempts\":1,\"connect_failures\":1,"
                        + "\"last_failure\":\"Connection refused\",\"last_failure_at\":\"2026-11-22T03:04:05Z\"}");
    }

    @Test
    void healthcheckFailMakesBothReadinessPathsAnswer503() {
        assertThat(call(endpoints.admin(), "POST", "/healthcheck/fail").status()).as("POST fail").isEqualTo(200);

        assertThat(call(endpoints.admin(), "GET", "/ready").status()).as("admin /ready").isEqualTo(503);
        assertThat(call(endpoints.status(), "GET", "/healthz/ready").status()).as("status /healthz/ready").isEqualTo(503);
    }

    @Test
    void healthcheckOkUndoesFail() {
        call(endpoints.admin(), "POST", "/healthcheck/fail");

        assertThat(call(endpoints.admin(), "POST", "/healthcheck/ok").status()).as("POST ok").isEqualTo(200);

        assertThat(call(endpoints.admin(), "GET", "/ready").status()).as("admin /ready").isEqualTo(200);
        assertThat(call(endpoints.status(), "GET", "/healthz/ready").status()).as("status /healthz/ready").isEqualTo(200);
    }

    @Test
    void drainingMakesBothReadinessPathsAnswer503Draining() {
        endpoints.startDraining();

        AdminResponse ready = call(endpoints.admin(), "GET", "/ready");
        assertThat(ready.status()).as("admin /ready while stopping").isEqualTo(503);
        assertThat(body(ready)).as("admin /ready body").isEqualTo("DRAINING\n");
        assertThat(call(endpoints.status(), "GET", "/healthz/ready").status()).as("status /healthz/ready while stopping")
                .isEqualTo(503);
    }

    @Test
    void healthcheckOkDoesNotUndoDraining() {
        endpoints.startDraining();

        call(endpoints.admin(), "POST", "/healthcheck/ok");

        assertThat(call(endpoints.status(), "GET", "/healthz/ready").status())
                .as("a stopping proxy stays out of its load balancer").isEqualTo(503);
    }

    @Test
    void serverInfoStateIsDrainingWhileStopping() {
        assertThat(body(call(endpoints.admin(), "GET", "/server_info"))).as("before").contains("\"state\":\"LIVE\"");

        endpoints.startDraining();

        assertThat(body(call(endpoints.admin(), "GET", "/server_info"))).as("after startDraining")
                .contains("\"state\":\"DRAINING\"");
    }

    @Test
    void serverInfoStateIsDrainingWhileFailingHealthChecks() {
        call(endpoints.admin(), "POST", "/healthcheck/fail");

        assertThat(body(call(endpoints.admin(), "GET", "/server_info"))).as("as Envoy's after /healthcheck/fail")
                .contains("\"state\":\"DRAINING\"");
    }

    @Test
    void drainListenersStartsTheDrainSayingWhetherGraceful() {
        List<Boolean> drains = new java.util.ArrayList<>();
        AdminEndpoint drainListeners = AdminEndpoints.drainListeners(drains::add);

        AdminResponse graceful = drainListeners.handle("POST", Map.of("graceful", List.of(""), "inboundonly", List.of("")));
        drainListeners.handle("POST", Map.of());

        assertThat(graceful.status()).as("POST /drain_listeners?graceful").isEqualTo(200);
        assertThat(drains).as("graceful, then not").containsExactly(true, false);
    }

    @Test
    void drainListenersRefusesGetWith405() {
        List<Boolean> drains = new java.util.ArrayList<>();

        assertThat(AdminEndpoints.drainListeners(drains::add).handle("GET", Map.of()).status()).as("GET /drain_listeners")
                .isEqualTo(405);
        assertThat(drains).as("drains started by the GET").isEmpty();
    }

    @Test
    void healthcheckMutationsRefuseGetWith405() {
        assertThat(call(endpoints.admin(), "GET", "/healthcheck/fail").status()).as("GET /healthcheck/fail").isEqualTo(405);
        assertThat(call(endpoints.admin(), "GET", "/healthcheck/ok").status()).as("GET /healthcheck/ok").isEqualTo(405);
        assertThat(call(endpoints.admin(), "GET", "/ready").status()).as("/ready untouched by the refused GET").isEqualTo(200);
    }

    @Test
    void routesAndClustersRefusePost() {
        assertThat(call(endpoints.admin(), "POST", "/routes").status()).as("POST /routes").isEqualTo(405);
        assertThat(call(endpoints.admin(), "POST", "/clusters").status()).as("POST /clusters").isEqualTo(405);
    }

    @Test
    void reloadStatusShowsThePortsThatCouldNotBeBound() {
        AdminResponse status = call(endpoints.admin(), "GET", "/reload_status");

        assertThat(body(status)).as("/reload_status")
                .contains("\"listener_errors\":[\"port 9090: Address already in use\"]");
    }

    @Test
    void reloadStatusShowsHowLongTheLastReloadTook() {
        AdminResponse status = call(endpoints.admin(), "GET", "/reload_status");

        assertThat(body(status)).as("/reload_status").contains("\"duration_ms\":412");
    }

    @Test
    void everyMutationIsPostOnlyAndEveryReadIsGetOnly() {
        Set<String> mutations = Set.of("/healthcheck/fail", "/healthcheck/ok", "/logging");
        List<Map<String, AdminEndpoint>> listeners = List.of(endpoints.admin(), endpoints.status(), endpoints.metrics());
        for (Map<String, AdminEndpoint> paths : listeners) {
            for (String path : paths.keySet()) {
                boolean mutation = mutations.contains(path);
                for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE")) {
                    boolean allowed = mutation ? method.equals("POST") : method.equals("GET") || method.equals("HEAD");
                    int status = call(paths, method, path).status();
                    if (allowed) {
                        assertThat(status).as("%s %s", method, path).isNotEqualTo(405);
                    } else {
                        assertThat(status).as("%s %s", method, path).isEqualTo(405);
                    }
                }
            }
        }
        assertThat(endpoints.admin().keySet()).as("the mutations are admin paths").containsAll(mutations);
    }
}
