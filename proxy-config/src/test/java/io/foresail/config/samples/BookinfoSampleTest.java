package io.foresail.config.samples;

import io.foresail.config.table.Endpoint;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.testing.ConfigFixture;
import io.foresail.config.testing.Destinations;
import io.foresail.config.testing.SampleFolders;
import io.foresail.config.testing.TestRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config-samples/bookinfo}: Istio's Bookinfo gateway on port 8080, and the reviews canary
 * (end-user: jason to v2) bound to the same gateway.
 */
class BookinfoSampleTest {

    private static final int PORT = 8080;
    private static final String PRODUCTPAGE = "outbound|9080||productpage.default.svc.cluster.local";
    private static final String REVIEWS_HOST = "reviews.default.svc.cluster.local";
    private static final String REVIEWS_V1 = "outbound|9080|v1|" + REVIEWS_HOST;
    private static final String REVIEWS_V2 = "outbound|9080|v2|" + REVIEWS_HOST;

    private final RoutingTable table = ConfigFixture.loaded(SampleFolders.load("bookinfo"));

    private String destination(String path) {
        return Destinations.of(table, PORT, "localhost", TestRequest.of(path));
    }

    @Test
    void onlyPort8080IsServed() {
        assertThat(table.ports()).containsExactly(PORT);
    }

    @Test
    void everyProductPagePathGoesToProductpage() {
        for (String path : List.of("/productpage", "/static/tailwind/tailwind.css", "/login", "/logout",
                "/api/v1/products", "/api/v1/products/0/reviews")) {
            assertThat(destination(path)).as(path).isEqualTo(PRODUCTPAGE);
        }
    }

    @Test
    void exactPathsDoNotMatchLongerPaths() {
        assertThat(destination("/productpagex")).isEqualTo(Destinations.NO_ROUTE);
        assertThat(destination("/productpage/")).isEqualTo(Destinations.NO_ROUTE);
        assertThat(destination("/loginx")).isEqualTo(Destinations.NO_ROUTE);
    }

    @Test
    void prefixPathsAreStringPrefixes() {
        assertThat(destination("/staticfoo")).as("prefix /static, not /static/").isEqualTo(PRODUCTPAGE);
    }

    @Test
    void pathsOutsideTheProductPageRoutesHaveNoRoute() {
        assertThat(destination("/")).isEqualTo(Destinations.NO_ROUTE);
        assertThat(destination("/reviews/0")).as("reviews paths on the * host").isEqualTo(Destinations.NO_ROUTE);
    }

    @Test
    void jasonGoesToReviewsV2() {
        assertThat(Destinations.of(table, PORT, REVIEWS_HOST, TestRequest.of("/reviews/0", "end-user", "jason")))
                .isEqualTo(REVIEWS_V2);
    }

    @Test
    void everyoneElseGoesToReviewsV1() {
        assertThat(Destinations.of(table, PORT, REVIEWS_HOST, TestRequest.of("/reviews/0"))).isEqualTo(REVIEWS_V1);
        assertThat(Destinations.of(table, PORT, REVIEWS_HOST, TestRequest.of("/reviews/0", "end-user", "alice")))
                .isEqualTo(REVIEWS_V1);
        assertThat(Destinations.of(table, PORT, REVIEWS_HOST, TestRequest.of("/reviews/0", "end-user", "Jason")))
                .as("header values match exactly").isEqualTo(REVIEWS_V1);
    }

    @Test
    void reviewsHostIsTheShortNameQualifiedWithTheNamespace() {
        assertThat(Destinations.of(table, PORT, "reviews", TestRequest.of("/reviews/0")))
                .as("the short name is not a domain of its own: it falls to the * host, which has no such route")
                .isEqualTo(Destinations.NO_ROUTE);
        assertThat(Destinations.of(table, PORT, "REVIEWS.default.svc.cluster.local:8080", TestRequest.of("/reviews/0")))
                .as("Host compared case-insensitively, port ignored").isEqualTo(REVIEWS_V1);
    }

    @Test
    void reviewsSubsetsHoldOnlyTheirVersionsEchoPort() {
        assertThat(endpointPorts(REVIEWS_V1)).containsExactly(9302);
        assertThat(endpointPorts(REVIEWS_V2)).containsExactly(9303);
        assertThat(endpointPorts(PRODUCTPAGE)).containsExactly(9301);
    }

    private List<Integer> endpointPorts(String cluster) {
        return ConfigFixture.cluster(table, cluster).endpoints().stream().map(Endpoint::port).toList();
    }
}
