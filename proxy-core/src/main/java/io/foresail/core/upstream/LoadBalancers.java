package io.foresail.core.upstream;

import io.foresail.config.table.Cluster;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The load-balancer state of one event loop: one {@link SmoothWeightedRoundRobin} per cluster
 * name. A balancer serves the cluster record it was built for (checked by identity on each pick);
 * a different record with equal content (the same cluster in a newer snapshot) keeps the balancer
 * and its position, a changed one starts a fresh balancer. {@link #retain} follows a new snapshot:
 * balancers of clusters it dropped or changed go, those of unchanged clusters move to its records.
 *
 * <p>Not thread-safe by design: each event loop owns one instance, so picks take no lock.
 */
public final class LoadBalancers {

    private final Map<String, SmoothWeightedRoundRobin> byCluster = new HashMap<>();

    /** The next endpoint of {@code cluster}, or {@code null} when it has none (503 {@code UH}). */
    public UpstreamEndpoint pick(Cluster cluster) {
        SmoothWeightedRoundRobin balancer = byCluster.get(cluster.name());
        if (balancer == null || balancer.cluster() != cluster && !balancer.cluster().equals(cluster)) {
            balancer = new SmoothWeightedRoundRobin(cluster);
            byCluster.put(cluster.name(), balancer);
        }
        return balancer.pick();
    }

    /**
     * Keeps the balancers of the clusters in {@code live} (by name) whose content is unchanged,
     * rebound to {@code live}'s records so that picks with them take the identity fast path; drops
     * the others.
     */
    public void retain(Map<String, Cluster> live) {
        for (Iterator<Map.Entry<String, SmoothWeightedRoundRobin>> entries = byCluster.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<String, SmoothWeightedRoundRobin> entry = entries.next();
            Cluster next = live.get(entry.getKey());
            if (next == null || !next.equals(entry.getValue().cluster())) {
                entries.remove();
            } else {
                entry.getValue().rebind(next);
            }
        }
    }

    /** Number of clusters with a balancer. */
    public int size() {
        return byCluster.size();
    }
}
