package io.foresail.core.upstream;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.core.pool.PoolKey;
import io.foresail.core.pool.TlsIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveUpstreamsTest {

    private static final UpstreamTlsSettings SIMPLE = new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "", List.of(), true);

    private static LiveUpstreams of(Cluster... clusters) {
        Map<String, Cluster> byName = new java.util.HashMap<>();
        for (Cluster cluster : clusters) {
            byName.put(cluster.name(), cluster);
        }
        return LiveUpstreams.of(new RoutingTable(Map.of(), byName, "hash"));
    }

    private static Cluster plain(String name, String address, int port) {
        return new Cluster(name, name, 80, "", List.of(endpoint(address, port, 1)));
    }

    @Test
    void endpointOfAClusterIsReached() {
        LiveUpstreams live = of(plain("web", "10.0.0.1", 8080));

        assertThat(live.reaches(PoolKey.of("10.0.0.1", 8080))).isTrue();
    }

    @Test
    void removedEndpointIsNotReached() {
        LiveUpstreams live = of(plain("web", "10.0.0.1", 8080));

        assertThat(live.reaches(PoolKey.of("10.0.0.2", 8080))).as("other address").isFalse();
        assertThat(live.reaches(PoolKey.of("10.0.0.1", 8081))).as("other port").isFalse();
    }

    @Test
    void tlsConnectionToAPlaintextEndpointIsNotReached() {
        LiveUpstreams live = of(plain("web", "10.0.0.1", 8080));

        assertThat(live.reaches(PoolKey.of("10.0.0.1", 8080).withTls(TlsIdentity.of(SIMPLE, "web"))))
                .as("the endpoint is reached in plaintext now").isFalse();
    }

    @Test
    void tlsEndpointIsReachedWhateverTheSni() {
        Cluster web = new Cluster("web", "web", 443, "", List.of(endpoint("10.0.0.1", 8443, 1)), Optional.of(SIMPLE));
        LiveUpstreams live = of(web);
        PoolKey address = PoolKey.of("10.0.0.1", 8443);

        assertThat(live.reaches(address.withTls(TlsIdentity.of(SIMPLE, "a.example.com")))).isTrue();
        assertThat(live.reaches(address.withTls(TlsIdentity.of(SIMPLE, "b.example.com")))).isTrue();
        assertThat(live.reaches(address)).as("plaintext to a TLS endpoint").isFalse();
    }

    @Test
    void clustersAreByName() {
        Cluster web = plain("web", "10.0.0.1", 8080);

        assertThat(of(web).clusters()).containsExactly(Map.entry("web", web));
    }
}
