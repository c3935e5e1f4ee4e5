package io.foresail.core.upstream;

import io.foresail.config.table.Cluster;
import java.util.HashMap;
import java.util.Map;

/**
 * The load-balancer state of one event loop: one {@link SmoothWeightedRoundRobin} per cluster
 * name. A cluster whose record changed in a new snapshot (compared by identity) starts a fresh
 * balancer; balancers of other clusters keep their position.
 *
 * <p>Not thread-safe by design: each event loop owns one instance, so picks take no lock.
 */
public final class LoadBalancers {

    private final Map<String, SmoothWeightedRoundRobin> byCluster = new HashMap<>();

    /** The next endpoint of {@code cluster}, or {@code null} when it has none (503 {@code UH}). */
    public UpstreamEndpoint pick(Cluster cluster) {
        SmoothWeightedRoundRobin balancer = byCluster.get(cluster.name());
        if (balancer == null || balancer.cluster() != cluster) {
            balancer = new SmoothWeightedRoundRobin(cluster);
            byCluster.put(cluster.name(), balancer);
        }
        return balancer.pick();
    }
}
