package io.foresail.core.upstream;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadBalancersTest {

    private final LoadBalancers balancers = new LoadBalancers();

    private static Cluster cluster(Endpoint... endpoints) {
        return new Cluster("outbound|80||web", "web", 80, "", List.of(endpoints));
    }

    private List<String> picks(Cluster cluster, int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(balancers.pick(cluster).endpoint().address());
        }
        return addresses;
    }

    @Test
    void weightsSpreadPicksSmoothly() {
        Cluster cluster = cluster(endpoint("a", 80, 5), endpoint("b", 80, 1), endpoint("c", 80, 1));

        assertThat(picks(cluster, 7)).as("nginx smooth WRR order for 5,1,1")
                .containsExactly("a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void everyEndpointGetsExactlyItsWeightPerRound() {
        Cluster cluster = cluster(endpoint("a", 80, 3), endpoint("b", 80, 2), endpoint("c", 80, 5));
        Map<String, Integer> counts = new LinkedHashMap<>();

        picks(cluster, 1000).forEach(address -> counts.merge(address, 1, Integer::sum));

        assertThat(counts).containsEntry("a", 300).containsEntry("b", 200).containsEntry("c", 500);
    }

    @Test
    void equalWeightsRotate() {
        Cluster cluster = cluster(endpoint("a", 80, 1), endpoint("b", 80, 1), endpoint("c", 80, 1));

        assertThat(picks(cluster, 6)).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void clusterWithoutEndpointsPicksNothing() {
        assertThat(balancers.pick(cluster())).isNull();
    }

    @Test
    void changedClusterRecordStartsAFreshRotation() {
        Cluster before = cluster(endpoint("a", 80, 1), endpoint("b", 80, 1));
        balancers.pick(before);
        Cluster after = cluster(endpoint("c", 80, 1), endpoint("d", 80, 1));

        assertThat(picks(after, 2)).containsExactly("c", "d");
    }

    @Test
    void pickCarriesTheEndpointsPoolKey() {
        UpstreamEndpoint picked = balancers.pick(cluster(endpoint("10.1.2.3", 8080, 1)));

        assertThat(picked.poolKey().host()).isEqualTo("10.1.2.3");
        assertThat(picked.poolKey().port()).isEqualTo(8080);
        assertThat(picked.poolKey().remoteAddress().isUnresolved()).as("IP literals are resolved up front").isFalse();
    }

    @Test
    void equalClusterRecordOfANewerSnapshotKeepsTheRotation() {
        picks(cluster(endpoint("a", 80, 1), endpoint("b", 80, 1), endpoint("c", 80, 1)), 1);
        Cluster republished = cluster(endpoint("a", 80, 1), endpoint("b", 80, 1), endpoint("c", 80, 1));

        assertThat(picks(republished, 2)).as("position kept for an unchanged cluster").containsExactly("b", "c");
    }

    @Test
    void retainKeepsThePositionOfAnUnchangedCluster() {
        picks(cluster(endpoint("a", 80, 1), endpoint("b", 80, 1), endpoint("c", 80, 1)), 1);
        Cluster republished = cluster(endpoint("a", 80, 1), endpoint("b", 80, 1), endpoint("c", 80, 1));

        balancers.retain(Map.of(republished.name(), republished));

        assertThat(balancers.size()).isEqualTo(1);
        assertThat(picks(republished, 2)).containsExactly("b", "c");
    }

    @Test
    void retainDropsTheBalancerOfARemovedCluster() {
        picks(cluster(endpoint("a", 80, 1), endpoint("b", 80, 1)), 1);
        Cluster other = new Cluster("outbound|80||api", "api", 80, "", List.of(endpoint("x", 80, 1)));

        balancers.retain(Map.of(other.name(), other));

        assertThat(balancers.size()).as("balancers left").isZero();
    }

    @Test
    void retainDropsTheBalancerOfAChangedCluster() {
        picks(cluster(endpoint("a", 80, 1), endpoint("b", 80, 1)), 1);
        Cluster changed = cluster(endpoint("a", 80, 1), endpoint("b", 80, 2));

        balancers.retain(Map.of(changed.name(), changed));

        assertThat(balancers.size()).as("balancers left").isZero();
    }
}
