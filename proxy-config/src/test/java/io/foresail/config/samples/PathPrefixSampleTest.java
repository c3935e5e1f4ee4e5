package io.foresail.config.samples;

import io.foresail.config.table.RoutingTable;
import io.foresail.config.testing.ConfigFixture;
import io.foresail.config.testing.Destinations;
import io.foresail.config.testing.SampleFolders;
import io.foresail.config.testing.TestRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code config-samples/path-prefix}: one Gateway on port 80 routing by path to three services. */
class PathPrefixSampleTest {

    private static final int PORT = 80;
    private static final String ATLAS_UI = "outbound|80||atlas-ui.atlas.svc.cluster.local";
    private static final String AUTHZ = "outbound|8080||authz.atlas.svc.cluster.local";
    private static final String ATLAS_REST = "outbound|8080||atlas-rest.atlas.svc.cluster.local";

    private final RoutingTable table = ConfigFixture.loaded(SampleFolders.load("path-prefix"));

    private String destination(String path) {
        return Destinations.of(table, PORT, "localhost", TestRequest.of(path));
    }

    @Test
    void onlyPort80IsServed() {
        assertThat(table.ports()).containsExactly(PORT);
    }

    @Test
    void authzPathsGoToAuthz() {
        assertThat(destination("/authz")).isEqualTo(AUTHZ);
        assertThat(destination("/authz/")).isEqualTo(AUTHZ);
        assertThat(destination("/authz/login")).isEqualTo(AUTHZ);
    }

    @Test
    void apiPathsGoToAtlasRest() {
        assertThat(destination("/api")).isEqualTo(ATLAS_REST);
        assertThat(destination("/api/v1/projects")).isEqualTo(ATLAS_REST);
    }

    @Test
    void everyOtherPathGoesToAtlasUi() {
        assertThat(destination("/")).isEqualTo(ATLAS_UI);
        assertThat(destination("/index.html")).isEqualTo(ATLAS_UI);
        assertThat(destination("/assets/app.js")).isEqualTo(ATLAS_UI);
    }

    @Test
    void pathsThatOnlyStartWithTheSameLettersStayOnTheUi() {
        assertThat(destination("/authzadmin")).as("not under /authz/").isEqualTo(ATLAS_UI);
        assertThat(destination("/apidocs")).as("not under /api/").isEqualTo(ATLAS_UI);
    }

    @Test
    void everyHostNameIsServed() {
        assertThat(Destinations.of(table, PORT, "atlas.example.com", TestRequest.of("/api"))).isEqualTo(ATLAS_REST);
        assertThat(Destinations.of(table, PORT, "10.0.0.7:31380", TestRequest.of("/authz/login"))).isEqualTo(AUTHZ);
    }
}
