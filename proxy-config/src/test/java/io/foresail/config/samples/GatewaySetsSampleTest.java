package io.foresail.config.samples;

import io.foresail.config.reload.LoadResult;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.testing.ConfigFixture;
import io.foresail.config.testing.Destinations;
import io.foresail.config.testing.SampleFolders;
import io.foresail.config.testing.TestRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config-samples/gateway-sets}: six Gateways on port 8082 in one folder; {@code --labels
 * istio=<set>} picks the one a proxy serves, and with it the VirtualServices bound to it.
 */
class GatewaySetsSampleTest {

    private static final String SAMPLE = "gateway-sets";
    private static final int PORT = 8082;
    private static final List<String> SETS = List.of("production-public", "production-private", "staging-public",
            "staging-private", "development-public", "development-private");

    private static final String STOREFRONT = "storefront.shop.svc.cluster.local";
    private static final String PAYMENTS = "outbound|8080||payments.payments.svc.cluster.local";
    private static final String GRAFANA = "outbound|3000||grafana.monitoring.svc.cluster.local";

    /** A request one Gateway set serves, and the cluster it reaches there. */
    private record Served(String set, String host, String path, String cluster) {
    }

    private static final List<Served> SERVED = List.of(
            new Served("production-public", "shop.prod.example.com", "/cart", "outbound|80|production|" + STOREFRONT),
            new Served("production-public", "payments.prod.example.com", "/webhooks/stripe", PAYMENTS),
            new Served("production-private", "payments.prod.internal.example.com", "/v1/charges", PAYMENTS),
            new Served("production-private", "grafana.prod.internal.example.com", "/", GRAFANA),
            new Served("staging-public", "shop.staging.example.com", "/", "outbound|80|staging|" + STOREFRONT),
            new Served("staging-private", "grafana.staging.internal.example.com", "/d/home", GRAFANA),
            new Served("development-public", "shop.dev.example.com", "/", "outbound|80|development|" + STOREFRONT),
            new Served("development-private", "grafana.dev.internal.example.com", "/", GRAFANA));

    private static RoutingTable servingSet(String set) {
        return ConfigFixture.loaded(SampleFolders.load(SAMPLE, Map.of("istio", set)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production-public", "production-private", "staging-public", "staging-private",
            "development-public", "development-private"})
    void eachLabelLoadsWithoutFindingsThoughFiveGatewaysAreNotServed(String set) {
        LoadResult result = SampleFolders.load(SAMPLE, Map.of("istio", set));

        assertThat(result.findings()).as("Gateways selecting other deployments are skipped silently, as in Istio; "
                + "findings with --labels istio=%s", set).isEmpty();
    }

    @Test
    void withoutLabelsOneProxyServesAllSixSets() {
        LoadResult result = SampleFolders.load(SAMPLE);
        RoutingTable table = ConfigFixture.loaded(result);

        assertThat(result.findings()).as("every Gateway applies, so none is reported as skipped").isEmpty();
        for (Served served : SERVED) {
            assertThat(Destinations.of(table, PORT, served.host(), TestRequest.of(served.path())))
                    .as("%s%s without labels", served.host(), served.path()).isEqualTo(served.cluster());
        }
    }

    @Test
    void publicPaymentsHostServesOnlyTheWebhookPaths() {
        RoutingTable table = servingSet("production-public");

        assertThat(Destinations.of(table, PORT, "payments.prod.example.com", TestRequest.of("/webhooks/stripe")))
                .isEqualTo(PAYMENTS);
        assertThat(Destinations.of(table, PORT, "payments.prod.example.com", TestRequest.of("/v1/charges")))
                .as("the rest of the payments API stays off the public gateway").isEqualTo(Destinations.NO_ROUTE);
        assertThat(Destinations.of(table, PORT, "payments.prod.example.com", TestRequest.of("/webhooks")))
                .as("prefix /webhooks/ needs the slash").isEqualTo(Destinations.NO_ROUTE);
    }

    @Test
    void aGatewayHostWithoutVirtualServiceHasNoVirtualHost() {
        RoutingTable table = servingSet("production-public");

        assertThat(Destinations.of(table, PORT, "unknown.prod.example.com", TestRequest.of("/")))
                .as("matches the Gateway's *.prod.example.com, but no VirtualService names it")
                .isEqualTo(Destinations.NO_VIRTUAL_HOST);
    }

    @Test
    void storefrontSubsetsHoldOnlyTheirEnvironmentsEchoPort() {
        RoutingTable table = ConfigFixture.loaded(SampleFolders.load(SAMPLE));

        assertThat(endpointPorts(table, "outbound|80|production|" + STOREFRONT)).containsExactly(9101);
        assertThat(endpointPorts(table, "outbound|80|staging|" + STOREFRONT)).containsExactly(9102);
        assertThat(endpointPorts(table, "outbound|80|development|" + STOREFRONT)).containsExactly(9103);
    }

    private static List<Integer> endpointPorts(RoutingTable table, String cluster) {
        return ConfigFixture.cluster(table, cluster).endpoints().stream().map(Endpoint::port).toList();
    }
}
